// PC2005 deprecated: a payload or key that Apple deprecated on a targeted
// platform. It still works, but is on its way out; the message names the
// version. A payload or key that is also removed is PC2006's, and a key
// under a deprecated payload or key is not reported again.
#include <fmt/format.h>

#include "check/rules/rules.h"
#include "check/rules/target_facts.h"
#include "schema/resolve_facts.h"

namespace profilec::check::rules {
namespace {

using targets::TargetedPlatform;

bool deprecated_only(const TargetedPlatform&, const schema::PlatformFacts& facts) {
  return facts.deprecated && !facts.deprecated->is_not_available() &&
         !(facts.removed && !facts.removed->is_not_available());
}

// "iOS 17.0 and macOS 14.0"
template <class FactsOf>
std::string versions(const std::vector<const TargetedPlatform*>& platforms, FactsOf facts_of) {
  std::vector<std::string> items;
  items.reserve(platforms.size());
  for (const TargetedPlatform* p : platforms) {
    items.push_back(fmt::format("{} {}", p->name, facts_of(*p).deprecated->text()));
  }
  return targets::join(items);
}

std::string help(const PayloadVisit& visit) {
  if (visit.schema->doc_url.empty()) return "it still works, but Apple may remove it in a later release";
  return fmt::format("it still works, but Apple may remove it in a later release (see {})", visit.schema->doc_url);
}

class Deprecated final : public Rule {
 public:
  void check_payload(const PayloadVisit& visit, Diagnostics& diagnostics) const override {
    const auto& platforms = targets::targeted_platforms(visit);
    const auto found = targets::payload_platforms_where(visit, platforms, deprecated_only);
    if (found.empty()) return;
    const std::string since = versions(found, [&](const TargetedPlatform& p) {
      return *schema::payload_facts(*visit.schema, p.platform);
    });
    diagnostics.report(DiagnosticCode::PC2005, targets::payload_span(visit),
                       fmt::format("{} is deprecated since {}", targets::payload_label(visit), since), help(visit));
  }

  void check_value(const ValueVisit& visit, Diagnostics& diagnostics) const override {
    const auto& platforms = targets::targeted_platforms(visit.payload);
    const auto found = targets::key_platforms_where(visit, platforms, deprecated_only);
    if (found.empty()) return;
    const std::string since = versions(found, [&](const TargetedPlatform& p) {
      return *targets::facts_along_chain(visit, p.platform)->back();
    });
    targets::report_key(diagnostics, DiagnosticCode::PC2005, visit,
                        fmt::format("{} is deprecated since {}", targets::key_label(visit), since),
                        help(visit.payload));
  }
};

}  // namespace

const Rule& deprecated() {
  static const Deprecated rule;
  return rule;
}

}  // namespace profilec::check::rules
