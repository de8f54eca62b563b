// PC6020 across policies: a type Apple applies once per device (`apply:
// single`), declared by two policies whose targets share a device kind. One
// finding per group of declarations that the same kinds receive together,
// at the first one of the second policy, with a note at each other one.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "analyze/declarations.h"
#include "diag/code_severities.h"
#include "schema/resolve_facts.h"

namespace profilec::analyze {
namespace {

struct Reached {
  const ir::Declaration* declaration;
  std::size_t policy;  // index into the policies
  KindMask kinds;
  bool assumed;  // the policy states no platforms
};

struct ReachedGroup {
  std::vector<const Reached*> members;  // in input order
  KindMask kinds = 0;
};

}  // namespace

KindMask declaration_kinds(const ir::Target& target, std::string_view type, const schema::SchemaSet& schemas) {
  const KindMask reached = reached_kinds(target);
  const schema::PayloadSchema* schema = schemas.find_declaration(type);
  if (!schema) return reached;
  KindMask platforms = 0;
  for (std::size_t p = 0; p < schema::kPlatformCount; ++p) {
    const auto facts = schema::payload_facts(*schema, schema::kAllPlatforms[p]);
    if (facts && facts->supported()) platforms |= KindMask{0b111} << (p * 3);
  }
  const KindMask narrowed = reached & platforms;
  return narrowed != 0 ? narrowed : reached;
}

void check_single_declarations_across(const std::vector<PolicyDeclarations>& policies, const schema::SchemaSet& schemas,
                                      Diagnostics& diagnostics) {
  // By type, in the order types are first met.
  std::map<std::string_view, std::vector<Reached>> by_type;
  std::vector<std::string_view> type_order;
  for (std::size_t i = 0; i < policies.size(); ++i) {
    for (const ir::Declaration& declaration : *policies[i].declarations) {
      const schema::PayloadSchema* schema = schemas.find_declaration(declaration.type);
      if (!schema || schema->apply != "single") continue;
      auto& reached = by_type[declaration.type];
      if (reached.empty()) type_order.push_back(declaration.type);
      reached.push_back(Reached{&declaration, i, declaration_kinds(*policies[i].target, declaration.type, schemas),
                                !policies[i].target->stated()});
    }
  }
  for (std::string_view type : type_order) {
    const std::vector<Reached>& reached = by_type.at(type);
    std::map<std::vector<const Reached*>, std::size_t> group_of;
    std::vector<ReachedGroup> groups;
    for (std::size_t k = 0; k < kDeviceKindCount; ++k) {
      std::vector<const Reached*> received;
      for (const Reached& r : reached) {
        if (r.kinds & (KindMask{1} << k)) received.push_back(&r);
      }
      const bool across = std::any_of(received.begin(), received.end(),
                                      [&](const Reached* r) { return r->policy != received.front()->policy; });
      if (!across) continue;
      auto [it, inserted] = group_of.try_emplace(received, groups.size());
      if (inserted) groups.push_back(ReachedGroup{std::move(received), 0});
      groups[it->second].kinds |= KindMask{1} << k;
    }
    for (const ReachedGroup& group : groups) {
      const Reached* here = nullptr;
      for (const Reached* r : group.members) {
        if (r->policy != group.members.front()->policy) {
          here = r;
          break;
        }
      }
      Diagnostic& d = diagnostics.report(
          DiagnosticCode::PC6020, here->declaration->type_span,
          fmt::format("{} {} declarations in different policies reach the same devices ({}): a device applies only "
                      "one",
                      group.members.size(), type, platform_list(group.kinds)),
          "keep one declaration of this type for these devices, or give the policies targets that do not overlap");
      bool assumed = false;
      for (const Reached* r : group.members) {
        assumed = assumed || r->assumed;
        if (r == here) continue;
        d.notes.push_back({r->declaration->type_span, fmt::format("another {} ('{}')", type, r->declaration->name)});
      }
      if (assumed) {
        regrade(d, Severity::kWarning);
        d.help +=
            "; a policy involved states no platforms, so it is taken to reach every platform the type has: "
            "state [target] platforms to make this exact";
      }
    }
  }
}

}  // namespace profilec::analyze
