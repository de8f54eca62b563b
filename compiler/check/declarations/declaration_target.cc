// PC6010 and PC6011: a declaration type against the policy's [target]:
// the platforms and minimum OS versions it names (Apple's `introduced`),
// and its enrollment and Shared iPad (Apple's allowed-enrollments and
// sharedipad allowed-scopes, schemas/README.md).
#include <fmt/format.h>

#include "check/declarations/check_declarations.h"
#include "schema/os_version.h"
#include "schema/resolve_facts.h"

namespace profilec::check {
namespace {

// The allowed-enrollments fact the target's devices need: user enrollment,
// a supervised device, or a device enrolled otherwise.
std::pair<const std::optional<bool>*, std::string_view> enrollment_fact(const schema::PlatformFacts& facts,
                                                                        const ir::Target& target) {
  if (target.enrollment == ir::Enrollment::kUser) return {&facts.enrollment_user, "user enrollment"};
  if (target.supervised) return {&facts.enrollment_supervised, "supervised devices"};
  return {&facts.enrollment_device, "device enrollment without supervision"};
}

}  // namespace

void check_declaration_target(const ir::Declaration& declaration, const schema::PayloadSchema& schema,
                              const ir::Target& target, Diagnostics& diagnostics) {
  for (const ir::PlatformTarget& p : target.platforms) {
    const auto platform = schema::platform_from_name(p.platform);
    if (!platform) continue;
    const auto facts = schema::payload_facts(schema, *platform);
    if (!facts || !facts->supported()) {
      Diagnostic& d = diagnostics.report(
          DiagnosticCode::PC6010, declaration.type_span,
          fmt::format("{} is not available on {}", declaration.type, p.platform),
          fmt::format("drop {} from [target] platforms, or give this declaration a policy of its own", p.platform));
      if (p.span.known()) d.notes.push_back({p.span, "the platform is targeted here"});
      continue;
    }
    const auto minimum = schema::OsVersion::parse(p.min_version);
    if (minimum && !minimum->is_not_available() && *minimum < *facts->introduced) {
      Diagnostic& d = diagnostics.report(DiagnosticCode::PC6010, declaration.type_span,
                                         fmt::format("{} needs {} {}; the target allows {} {}", declaration.type,
                                                     p.platform, facts->introduced->text(), p.platform, p.min_version),
                                         fmt::format("raise the minimum: {} = \"{}\"", p.platform,
                                                     facts->introduced->text()));
      if (p.span.known()) d.notes.push_back({p.span, "the minimum is set here"});
    }
    const auto [fact, devices] = enrollment_fact(*facts, target);
    if (fact->has_value() && !**fact) {
      diagnostics.report(DiagnosticCode::PC6011, declaration.type_span,
                         fmt::format("{} is not accepted on {} {}", declaration.type, p.platform, devices),
                         fmt::format("see `profilec schema show {}` for the enrollments it accepts", declaration.type));
    }
    if (target.shared_ipad && *platform == schema::Platform::kIOS && facts->sharedipad_scope_system.has_value() &&
        !facts->sharedipad_scope_system.value_or(false) && !facts->sharedipad_scope_user.value_or(false)) {
      diagnostics.report(DiagnosticCode::PC6011, declaration.type_span,
                         fmt::format("{} is not accepted on Shared iPad", declaration.type),
                         "give Shared iPads a policy of their own without it");
    }
  }
}

}  // namespace profilec::check
