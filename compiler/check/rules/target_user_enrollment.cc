// PC2009 forbidden-in-user-enrollment, PC2010 ignored-in-user-enrollment: a
// payload or key whose User Enrollment mode is "forbidden" or "ignored" on a
// targeted platform, in a profile whose target's enrollment is "user".
//
// A forbidden payload is not installed (error); a forbidden key, like an
// ignored payload or key, is left out by the device (warning). A key under
// a payload or key that is already reported is not reported again.
// ("required", which the data uses for one removed key, is not reported.)
#include <fmt/format.h>

#include "check/rules/rules.h"
#include "check/rules/target_facts.h"
#include "diag/code_severities.h"
#include "schema/resolve_facts.h"

namespace profilec::check::rules {
namespace {

using targets::TargetedPlatform;

bool left_out(const TargetedPlatform&, const schema::PlatformFacts& facts) {
  return facts.userenrollment_mode == schema::Mode::kForbidden || facts.userenrollment_mode == schema::Mode::kIgnored;
}

constexpr std::string_view kMoveHelp =
    "the target's enrollment is \"user\"; move it to a profile for device or "
    "automated enrollment";

class UserEnrollment final : public Rule {
 public:
  void check_payload(const PayloadVisit& visit, Diagnostics& diagnostics) const override {
    if (visit.profile.target.enrollment != ir::Enrollment::kUser) return;
    const auto& platforms = targets::targeted_platforms(visit);
    std::vector<const TargetedPlatform*> forbidden;
    std::vector<const TargetedPlatform*> ignored;
    for (const TargetedPlatform* p : targets::payload_platforms_where(visit, platforms, left_out)) {
      const auto mode = schema::payload_facts(*visit.schema, p->platform)->userenrollment_mode;
      (mode == schema::Mode::kForbidden ? forbidden : ignored).push_back(p);
    }
    const std::string label = targets::payload_label(visit);
    if (!forbidden.empty()) {
      diagnostics.report(DiagnosticCode::PC2009, targets::payload_span(visit),
                         fmt::format("{} cannot be used under user enrollment on {}", label,
                                     targets::platform_names(forbidden)),
                         std::string(kMoveHelp));
    }
    if (!ignored.empty()) {
      diagnostics.report(DiagnosticCode::PC2010, targets::payload_span(visit),
                         fmt::format("{} is ignored under user enrollment on {}", label,
                                     targets::platform_names(ignored)),
                         std::string(kMoveHelp));
    }
  }

  void check_value(const ValueVisit& visit, Diagnostics& diagnostics) const override {
    if (visit.payload.profile.target.enrollment != ir::Enrollment::kUser) return;
    const auto& platforms = targets::targeted_platforms(visit.payload);
    std::vector<const TargetedPlatform*> forbidden;
    std::vector<const TargetedPlatform*> ignored;
    for (const TargetedPlatform* p : targets::key_platforms_where(visit, platforms, left_out)) {
      const auto mode = targets::facts_along_chain(visit, p->platform)->back()->userenrollment_mode;
      (mode == schema::Mode::kForbidden ? forbidden : ignored).push_back(p);
    }
    const std::string label = targets::key_label(visit);
    const std::string help =
        "the target's enrollment is \"user\": drop the key, or move it to a profile for device "
        "or automated enrollment";
    if (!forbidden.empty()) {
      Diagnostic* d =
          targets::report_key(diagnostics, DiagnosticCode::PC2009, visit,
                              fmt::format("{} is not allowed under user enrollment on {}; devices leave it out", label,
                                          targets::platform_names(forbidden)),
                              help);
      if (d) regrade(*d, Severity::kWarning);
    }
    if (!ignored.empty()) {
      targets::report_key(diagnostics, DiagnosticCode::PC2010, visit,
                          fmt::format("{} is ignored under user enrollment on {}", label,
                                      targets::platform_names(ignored)),
                          help);
    }
  }
};

}  // namespace

const Rule& user_enrollment() {
  static const UserEnrollment rule;
  return rule;
}

}  // namespace profilec::check::rules
