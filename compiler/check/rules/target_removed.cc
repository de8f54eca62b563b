// PC2006 removed: a payload or key that Apple removed on a targeted
// platform. The message names the version and says whether every targeted
// device is past it (removed at or before the target's minimum: nothing
// applies it any more, and the other target rules stay silent about it) or
// only the newer ones. One finding per platform, since the answer differs;
// a key under a removed payload or key is not reported again.
#include <fmt/format.h>

#include "check/rules/rules.h"
#include "check/rules/target_facts.h"
#include "schema/resolve_facts.h"

namespace profilec::check::rules {
namespace {

using targets::TargetedPlatform;

bool is_removed(const TargetedPlatform&, const schema::PlatformFacts& facts) {
  return facts.removed && !facts.removed->is_not_available();
}

struct Finding {
  std::string message;
  std::string help;
};

// `ignores`: what newer devices do with it ("ignore it", "do not apply it").
Finding describe(const std::string& label, std::string_view ignores, const TargetedPlatform& p,
                 const schema::OsVersion& version) {
  const std::string removed_in = fmt::format("{} {}", p.name, version.text());
  if (!(p.minimum < version)) {
    return {fmt::format("{} was removed in {}, so no targeted device applies it (the target allows {} {} and later)",
                        label, removed_in, p.name, p.minimum.text()),
            "delete it"};
  }
  return {fmt::format("{} was removed in {}; devices on {} and later {} (the target allows {} {})", label, removed_in,
                      removed_in, ignores, p.name, p.minimum.text()),
          fmt::format("it still works on older devices; delete it once none older than {} are left", removed_in)};
}

class Removed final : public Rule {
 public:
  void check_payload(const PayloadVisit& visit, Diagnostics& diagnostics) const override {
    const auto& platforms = targets::targeted_platforms(visit);
    for (const TargetedPlatform* p :
         targets::payload_platforms_where(visit, platforms, is_removed, targets::Gate::kAvailable)) {
      Finding f = describe(targets::payload_label(visit), "do not apply it", *p,
                           *schema::payload_facts(*visit.schema, p->platform)->removed);
      diagnostics.report(DiagnosticCode::PC2006, targets::payload_span(visit), std::move(f.message), std::move(f.help));
    }
  }

  void check_value(const ValueVisit& visit, Diagnostics& diagnostics) const override {
    const auto& platforms = targets::targeted_platforms(visit.payload);
    for (const TargetedPlatform* p :
         targets::key_platforms_where(visit, platforms, is_removed, targets::Gate::kAvailable)) {
      Finding f = describe(targets::key_label(visit), "ignore it", *p,
                           *targets::facts_along_chain(visit, p->platform)->back()->removed);
      targets::report_key(diagnostics, DiagnosticCode::PC2006, visit, std::move(f.message), std::move(f.help));
    }
  }
};

}  // namespace

const Rule& removed() {
  static const Removed rule;
  return rule;
}

}  // namespace profilec::check::rules
