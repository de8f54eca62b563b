// PC2003 payload-too-new, PC2004 key-too-new: a payload or key introduced
// after the minimum OS version [target] allows on a platform.
//
// Devices older than the payload refuse it (error); devices older than a key
// ignore the key (warning). A key is reported only when it is newer than its
// payload and every key above it: a subkey that inherits its parent's
// version is the parent's finding.
#include <fmt/format.h>

#include "check/rules/rules.h"
#include "check/rules/target_facts.h"
#include "schema/resolve_facts.h"

namespace profilec::check::rules {
namespace {

using targets::TargetedPlatform;

struct TooNew {
  const TargetedPlatform* platform;
  schema::OsVersion introduced;
};

bool introduced_after_minimum(const schema::PlatformFacts& facts, const TargetedPlatform& p) {
  return !p.any_version && targets::available(facts) && p.minimum < *facts.introduced;
}

// "introduced in iOS 17.0 and macOS 14.0; the target allows iOS 16.0 and macOS 13.0"
std::string versions(const std::vector<TooNew>& found) {
  std::vector<std::string> introduced;
  std::vector<std::string> allowed;
  for (const TooNew& t : found) {
    introduced.push_back(fmt::format("{} {}", t.platform->name, t.introduced.text()));
    allowed.push_back(fmt::format("{} {}", t.platform->name, t.platform->minimum.text()));
  }
  return fmt::format("introduced in {}; the target allows {}", targets::join(introduced), targets::join(allowed));
}

// "iOS = \"17.0\", macOS = \"14.0\""
std::string raised_minimums(const std::vector<TooNew>& found) {
  std::vector<std::string> items;
  items.reserve(found.size());
  for (const TooNew& t : found) items.push_back(fmt::format("{} = \"{}\"", t.platform->name, t.introduced.text()));
  return targets::join(items);
}

class TooNewRule final : public Rule {
 public:
  void check_payload(const PayloadVisit& visit, Diagnostics& diagnostics) const override {
    if (!visit.schema) return;
    std::vector<TooNew> found;
    const auto& platforms = targets::targeted_platforms(visit);
    for (const TargetedPlatform& p : platforms) {
      const auto facts = schema::payload_facts(*visit.schema, p.platform);
      if (facts && introduced_after_minimum(*facts, p)) found.push_back({&p, *facts->introduced});
    }
    if (found.empty()) return;
    Diagnostic& d = diagnostics.report(
        DiagnosticCode::PC2003, targets::payload_span(visit),
        fmt::format("{} was {}", targets::payload_label(visit), versions(found)),
        fmt::format("older devices do not install it: raise the minimum in [target].platforms ({}), or move the "
                    "payload to a profile for newer devices",
                    raised_minimums(found)));
    for (const TooNew& t : found) {
      if (t.platform->span.known()) {
        d.notes.push_back({t.platform->span,
                           fmt::format("the target allows {} {} here", t.platform->name, t.platform->minimum.text())});
      }
    }
  }

  void check_value(const ValueVisit& visit, Diagnostics& diagnostics) const override {
    std::vector<TooNew> found;
    const auto& platforms = targets::targeted_platforms(visit.payload);
    for (const TargetedPlatform& p : platforms) {
      const auto& levels = targets::facts_along_chain(visit, p.platform);
      if (!levels) return;
      if (!targets::ancestors_in_effect(*levels, p) || !targets::in_effect(levels->back(), p)) continue;
      bool reported_above = false;
      const schema::PlatformFacts& key = *levels->back();
      if (!introduced_after_minimum(key, p)) continue;
      for (std::size_t i = 0; i + 1 < levels->size(); ++i) {
        const schema::PlatformFacts& above = *(*levels)[i];
        if (introduced_after_minimum(above, p) && !(*above.introduced < *key.introduced)) reported_above = true;
      }
      if (!reported_above) found.push_back({&p, *key.introduced});
    }
    if (found.empty()) return;
    std::vector<std::string> older;
    older.reserve(found.size());
    for (const TooNew& t : found) older.push_back(fmt::format("{} {}", t.platform->name, t.introduced.text()));
    targets::report_key(
        diagnostics, DiagnosticCode::PC2004, visit,
        fmt::format("{} was {}", targets::key_label(visit), versions(found)),
        fmt::format("devices before {} ignore it; if none are left, raise the minimum in [target].platforms ({})",
                    targets::join(older), raised_minimums(found)));
  }
};

}  // namespace

const Rule& too_new() {
  static const TooNewRule rule;
  return rule;
}

}  // namespace profilec::check::rules
