// PC2007 payload-needs-supervision, PC2008 key-needs-supervision: a payload
// or key that needs a supervised device on a targeted platform, while the
// target's devices are not supervised.
//
// Unsupervised devices refuse such a payload (error) and ignore such a key
// (warning). Devices enrolled through ADE count as supervised where that
// always supervises them (iOS and tvOS 13, macOS 11 and later).
#include <fmt/format.h>

#include "check/rules/rules.h"
#include "check/rules/target_facts.h"

namespace profilec::check::rules {
namespace {

using targets::TargetedPlatform;

class Supervision final : public Rule {
 public:
  void check_payload(const PayloadVisit& visit, Diagnostics& diagnostics) const override {
    const ir::Target& target = visit.profile.target;
    const auto& platforms = targets::targeted_platforms(visit);
    const auto found = targets::payload_platforms_where(visit, platforms, needs_supervision(target));
    if (found.empty()) return;
    diagnostics.report(DiagnosticCode::PC2007, targets::payload_span(visit),
                       fmt::format("{} needs supervised devices on {}; the target is not supervised",
                                   targets::payload_label(visit), targets::platform_names(found)),
                       "unsupervised devices do not install it: set supervised = true in [target] if every device "
                       "is supervised, or move the payload to a profile for supervised devices");
  }

  void check_value(const ValueVisit& visit, Diagnostics& diagnostics) const override {
    const ir::Target& target = visit.payload.profile.target;
    const auto& platforms = targets::targeted_platforms(visit.payload);
    const auto found = targets::key_platforms_where(visit, platforms, needs_supervision(target));
    if (found.empty()) return;
    const std::string names = targets::platform_names(found);
    targets::report_key(diagnostics, DiagnosticCode::PC2008, visit,
                        fmt::format("{} needs supervised devices on {}; unsupervised devices ignore it",
                                    targets::key_label(visit), names),
                        "the target is not supervised: set supervised = true in [target] if every device is "
                        "supervised, or drop the key");
  }

 private:
  static targets::Holds needs_supervision(const ir::Target& target) {
    return [&target](const TargetedPlatform& p, const schema::PlatformFacts& facts) {
      return facts.supervised.value_or(false) && !targets::supervised_on(target, p);
    };
  }
};

}  // namespace

const Rule& supervision() {
  static const Supervision rule;
  return rule;
}

}  // namespace profilec::check::rules
