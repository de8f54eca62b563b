// PC2013 manual-install-not-allowed: a payload or key that only an MDM may
// install on a targeted platform, in a profile whose target's install is
// "manual". The device refuses such a payload (error) and ignores such a key
// (warning).
#include <fmt/format.h>

#include "check/rules/rules.h"
#include "check/rules/target_facts.h"
#include "diag/code_severities.h"

namespace profilec::check::rules {
namespace {

using targets::TargetedPlatform;

bool mdm_only(const TargetedPlatform&, const schema::PlatformFacts& facts) { return facts.allowmanualinstall == false; }

class ManualInstall final : public Rule {
 public:
  void check_payload(const PayloadVisit& visit, Diagnostics& diagnostics) const override {
    if (visit.profile.target.install != ir::InstallMethod::kManual) return;
    const auto& platforms = targets::targeted_platforms(visit);
    const auto found = targets::payload_platforms_where(visit, platforms, mdm_only);
    if (found.empty()) return;
    diagnostics.report(DiagnosticCode::PC2013, targets::payload_span(visit),
                       fmt::format("{} cannot be installed by hand on {}; the target's install is manual",
                                   targets::payload_label(visit), targets::platform_names(found)),
                       "deliver the profile through an MDM (install = \"mdm\" in [target]), or move the payload to "
                       "a profile that is");
  }

  void check_value(const ValueVisit& visit, Diagnostics& diagnostics) const override {
    if (visit.payload.profile.target.install != ir::InstallMethod::kManual) return;
    const auto& platforms = targets::targeted_platforms(visit.payload);
    const auto found = targets::key_platforms_where(visit, platforms, mdm_only);
    if (found.empty()) return;
    Diagnostic* d = targets::report_key(
        diagnostics, DiagnosticCode::PC2013, visit,
        fmt::format("{} takes effect only when an MDM installs the profile on {}; the target's install is manual",
                    targets::key_label(visit), targets::platform_names(found)),
        "deliver the profile through an MDM (install = \"mdm\" in [target]), or drop the key");
    if (d) regrade(*d, Severity::kWarning);
  }
};

}  // namespace

const Rule& manual_install() {
  static const ManualInstall rule;
  return rule;
}

}  // namespace profilec::check::rules
