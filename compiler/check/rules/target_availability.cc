// PC2001 payload-unavailable, PC2002 key-unavailable: a payload or key that a
// targeted platform does not support ("n/a" in Apple's data, or no facts for
// that platform at all).
//
// A device refuses a profile holding a payload type it does not support
// (error), but ignores a key it does not support (warning: in a profile
// shared by several platforms this is expected, and the message says so).
// A type the data says nothing about on any platform
// (com.apple.security.wapi-identity) is not reported: the data does not know.
#include <fmt/format.h>

#include "check/rules/rules.h"
#include "check/rules/target_facts.h"
#include "schema/resolve_facts.h"

namespace profilec::check::rules {
namespace {

using targets::TargetedPlatform;

bool has_any_facts(const schema::PayloadSchema& schema) {
  for (const schema::Platform platform : schema::kAllPlatforms) {
    if (schema::payload_facts(schema, platform)) return true;
  }
  return false;
}

class PlatformAvailability final : public Rule {
 public:
  void check_payload(const PayloadVisit& visit, Diagnostics& diagnostics) const override {
    if (!visit.schema || !has_any_facts(*visit.schema)) return;
    const auto& platforms = targets::targeted_platforms(visit);
    std::vector<const TargetedPlatform*> missing;
    for (const TargetedPlatform& p : platforms) {
      if (!targets::available(schema::payload_facts(*visit.schema, p.platform))) missing.push_back(&p);
    }
    if (missing.empty()) return;
    const std::string names = targets::platform_names(missing);
    Diagnostic& d = diagnostics.report(
        DiagnosticCode::PC2001, targets::payload_span(visit),
        fmt::format("{} is not available on {}", targets::payload_label(visit), names),
        fmt::format("devices on {} do not install it: drop {} from [target].platforms, or move the payload to a "
                    "profile that does not target {}",
                    names, names, missing.size() == 1 ? "it" : "them"));
    for (const TargetedPlatform* p : missing) {
      if (p->span.known()) d.notes.push_back({p->span, fmt::format("{} is targeted here", p->name)});
    }
  }

  void check_value(const ValueVisit& visit, Diagnostics& diagnostics) const override {
    std::vector<const TargetedPlatform*> missing;
    std::vector<const TargetedPlatform*> present;
    const auto& platforms = targets::targeted_platforms(visit.payload);
    for (const TargetedPlatform& p : platforms) {
      const auto& levels = targets::facts_along_chain(visit, p.platform);
      if (!levels) return;
      if (!targets::ancestors_in_effect(*levels, p)) continue;  // reported at the payload or an enclosing key
      (targets::available(levels->back()) ? present : missing).push_back(&p);
    }
    if (missing.empty()) return;
    const std::string names = targets::platform_names(missing);
    std::string help;
    if (present.empty()) {
      help = "no targeted platform supports it: delete it, or target a platform that does";
    } else {
      const std::string elsewhere = targets::platform_names(present);
      help = fmt::format(
          "expected in a profile shared by several platforms: it takes effect on {}; to silence this, "
          "move it to a profile that targets only {}",
          elsewhere, elsewhere);
    }
    targets::report_key(diagnostics, DiagnosticCode::PC2002, visit,
                        fmt::format("{} is not available on {}; devices on {} ignore it", targets::key_label(visit),
                                    names, names),
                        std::move(help));
  }
};

}  // namespace

const Rule& platform_availability() {
  static const PlatformAvailability rule;
  return rule;
}

}  // namespace profilec::check::rules
