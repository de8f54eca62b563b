// PC2014 needs-automated-enrollment: a payload or key that needs Automated
// Device Enrollment (ADE: Apple Business or School Manager) on a targeted
// platform, while the target's enrollment is not "automated". Other devices
// refuse such a payload (error) and ignore such a key (warning).
#include <fmt/format.h>

#include "check/rules/rules.h"
#include "check/rules/target_facts.h"
#include "diag/code_severities.h"
#include "ir/enrollment_name.h"

namespace profilec::check::rules {
namespace {

using targets::TargetedPlatform;

bool needs_ade(const TargetedPlatform&, const schema::PlatformFacts& facts) {
  return facts.requiresdep.value_or(false);
}

constexpr std::string_view kHelp =
    "set enrollment = \"automated\" in [target] if every device is enrolled through Apple Business or School "
    "Manager";

class AutomatedEnrollment final : public Rule {
 public:
  void check_payload(const PayloadVisit& visit, Diagnostics& diagnostics) const override {
    const ir::Target& target = visit.profile.target;
    if (target.enrollment == ir::Enrollment::kAutomated) return;
    const auto& platforms = targets::targeted_platforms(visit);
    const auto found = targets::payload_platforms_where(visit, platforms, needs_ade);
    if (found.empty()) return;
    diagnostics.report(DiagnosticCode::PC2014, targets::payload_span(visit),
                       fmt::format("{} needs automated device enrollment on {}; the target's enrollment is {}",
                                   targets::payload_label(visit), targets::platform_names(found),
                                   enrollment_name(target.enrollment)),
                       fmt::format("{}, or move the payload to a profile for those devices", kHelp));
  }

  void check_value(const ValueVisit& visit, Diagnostics& diagnostics) const override {
    const ir::Target& target = visit.payload.profile.target;
    if (target.enrollment == ir::Enrollment::kAutomated) return;
    const auto& platforms = targets::targeted_platforms(visit.payload);
    const auto found = targets::key_platforms_where(visit, platforms, needs_ade);
    if (found.empty()) return;
    Diagnostic* d = targets::report_key(
        diagnostics, DiagnosticCode::PC2014, visit,
        fmt::format("{} needs automated device enrollment on {}; other devices ignore it (the target's enrollment "
                    "is {})",
                    targets::key_label(visit), targets::platform_names(found), enrollment_name(target.enrollment)),
        fmt::format("{}, or drop the key", kHelp));
    if (d) regrade(*d, Severity::kWarning);
  }
};

}  // namespace

const Rule& automated_enrollment() {
  static const AutomatedEnrollment rule;
  return rule;
}

}  // namespace profilec::check::rules
