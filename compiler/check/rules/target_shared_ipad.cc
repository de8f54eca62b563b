// PC2011 forbidden-on-shared-ipad: a payload or key whose Shared iPad mode
// is "forbidden", in a profile whose target is Shared iPad (iOS only).
//
// A forbidden payload is not installed (error); a forbidden key is left out
// (warning). The data marks nothing "ignored" or "required" on Shared iPad,
// so those modes are not reported.
#include <fmt/format.h>

#include "check/rules/rules.h"
#include "check/rules/target_facts.h"
#include "diag/code_severities.h"

namespace profilec::check::rules {
namespace {

using targets::TargetedPlatform;

bool forbidden(const TargetedPlatform& p, const schema::PlatformFacts& facts) {
  return p.platform == schema::Platform::kIOS && facts.sharedipad_mode == schema::Mode::kForbidden;
}

class SharedIpad final : public Rule {
 public:
  void check_payload(const PayloadVisit& visit, Diagnostics& diagnostics) const override {
    if (!visit.profile.target.shared_ipad) return;
    const auto& platforms = targets::targeted_platforms(visit);
    if (targets::payload_platforms_where(visit, platforms, forbidden).empty()) return;
    diagnostics.report(DiagnosticCode::PC2011, targets::payload_span(visit),
                       fmt::format("{} cannot be used on Shared iPad", targets::payload_label(visit)),
                       "the target is Shared iPad (shared_ipad = true); move the payload to a profile for other "
                       "iPads");
  }

  void check_value(const ValueVisit& visit, Diagnostics& diagnostics) const override {
    if (!visit.payload.profile.target.shared_ipad) return;
    const auto& platforms = targets::targeted_platforms(visit.payload);
    if (targets::key_platforms_where(visit, platforms, forbidden).empty()) return;
    Diagnostic* d = targets::report_key(
        diagnostics, DiagnosticCode::PC2011, visit,
        fmt::format("{} is not allowed on Shared iPad; the device leaves it out", targets::key_label(visit)),
        "the target is Shared iPad (shared_ipad = true): drop the key, or move it to a profile for other iPads");
    if (d) regrade(*d, Severity::kWarning);
  }
};

}  // namespace

const Rule& shared_ipad() {
  static const SharedIpad rule;
  return rule;
}

}  // namespace profilec::check::rules
