#include "check/rules/target_facts.h"

#include <fmt/format.h>

#include <span>

#include "check/schema_errata.h"
#include "check/visit_memo.h"
#include "schema/resolve_facts.h"

namespace profilec::check::rules::targets {
namespace {

bool is_common_key(const ValueVisit& visit) {
  for (const schema::Group& group : visit.payload.schemas.common().groups) {
    if (&group == &visit.group) return true;
  }
  return false;
}

// A top-level name that several plain groups define (com.apple.MCX): the key
// is available wherever any definition makes it available, so take the
// definition that is available, earliest.
std::optional<schema::PlatformFacts> top_level_facts(const ValueVisit& visit, schema::Platform platform) {
  std::optional<schema::PlatformFacts> best = schema::effective_facts(visit.group, visit.chain.first(1), platform);
  if (visit.group.is_variant()) return best;
  for (const auto& [group, key] : visit.payload.schema->top_level(visit.chain.front()->name)) {
    if (group == &visit.group) continue;
    const schema::Key* const chain[] = {key};
    std::optional<schema::PlatformFacts> other = schema::effective_facts(*group, chain, platform);
    if (!available(other)) continue;
    if (!available(best) || *other->introduced < *best->introduced) best = other;
  }
  return best;
}

using Step = KeyPath::Step;

// True when a step down to the visited value is an entry of a free-form map
// (its schema key is "ANY"): such a key is reported at each occurrence.
bool under_free_form_entry(const ValueVisit& visit) {
  const std::span<const Step> steps = visit.path.steps();
  for (std::size_t k = 0; k < steps.size() && k < visit.chain.size(); ++k) {
    if (steps[k].kind != Step::Kind::kItem && visit.chain[k]->is_any_name()) return true;
  }
  return false;
}

// How many values `steps` reach below `value`, taking every item of an array.
std::size_t count_at(const ir::Value& value, std::span<const Step> steps) {
  if (steps.empty()) return 1;
  const Step& step = steps.front();
  if (step.kind != Step::Kind::kItem) {
    const ir::Value* child = value.is_dict() ? value.find(step.name) : nullptr;
    return child ? count_at(*child, steps.subspan(1)) : 0;
  }
  if (!value.is_array()) return 0;
  std::size_t n = 0;
  for (const ir::Value& element : value.array()) n += count_at(element, steps.subspan(1));
  return n;
}

// nullopt when an earlier item of an enclosing array has the same key;
// otherwise how many other values of the payload the same steps reach.
std::optional<std::size_t> later_repeats(const ValueVisit& visit) {
  if (under_free_form_entry(visit)) return 0;
  const std::span<const Step> steps = visit.path.steps();
  const ir::Value& content = visit.payload.payload.content;
  const ir::Value* at = &content;
  for (std::size_t i = 0; i < steps.size() && at; ++i) {
    const Step& step = steps[i];
    if (step.kind != Step::Kind::kItem) {
      at = at->is_dict() ? at->find(step.name) : nullptr;
      continue;
    }
    if (!at->is_array() || step.index >= at->array().size()) return 0;
    const std::span<const Step> rest = steps.subspan(i + 1);
    for (std::size_t earlier = 0; earlier < step.index; ++earlier) {
      if (count_at(at->array()[earlier], rest) > 0) return std::nullopt;
    }
    at = &at->array()[step.index];
  }
  const std::size_t all = count_at(content, steps);
  return all > 0 ? all - 1 : 0;
}

}  // namespace

std::vector<TargetedPlatform> targeted_platforms(const ir::Target& target) {
  std::vector<TargetedPlatform> out;
  for (const ir::PlatformTarget& p : target.platforms) {
    const std::optional<schema::Platform> platform = schema::platform_from_name(p.platform);
    if (platform && p.min_version.empty()) {  // any version
      out.push_back({*platform, schema::platform_name(*platform), schema::OsVersion::since_first(), p.span, true});
      continue;
    }
    const std::optional<schema::OsVersion> minimum = schema::OsVersion::parse(p.min_version);
    if (!platform || !minimum || minimum->is_not_available()) continue;  // reported by the front end
    out.push_back({*platform, schema::platform_name(*platform), *minimum, p.span});
  }
  return out;
}

const std::vector<TargetedPlatform>& targeted_platforms(const PayloadVisit& visit) {
  std::optional<std::vector<TargetedPlatform>>& memo = visit.memo.platforms();
  if (!memo) memo = targeted_platforms(visit.profile.target);
  return *memo;
}

bool supervised_on(const ir::Target& target, const TargetedPlatform& platform) {
  if (target.supervised) return true;
  if (target.enrollment != ir::Enrollment::kAutomated) return false;
  switch (platform.platform) {
    case schema::Platform::kIOS:
    case schema::Platform::kTvOS: return *schema::OsVersion::parse("13.0") <= platform.minimum;
    case schema::Platform::kMacOS: return *schema::OsVersion::parse("11.0") <= platform.minimum;
    case schema::Platform::kVisionOS:
    case schema::Platform::kWatchOS: return false;
  }
  return false;
}

bool available(const std::optional<schema::PlatformFacts>& facts) { return facts && facts->supported(); }

bool in_effect(const std::optional<schema::PlatformFacts>& facts, const TargetedPlatform& platform) {
  if (!available(facts)) return false;
  const std::optional<schema::OsVersion>& removed = facts->removed;
  return !(removed && !removed->is_not_available() && *removed <= platform.minimum);
}

namespace {
bool passes(const std::optional<schema::PlatformFacts>& facts, const TargetedPlatform& platform, Gate gate) {
  return gate == Gate::kInEffect ? in_effect(facts, platform) : available(facts);
}
}  // namespace

SourceSpan payload_span(const PayloadVisit& visit) {
  const ir::Value* type = visit.payload.content.find("PayloadType");
  return type ? type->span : visit.payload.span;
}

std::string payload_label(const PayloadVisit& visit) { return fmt::format("payload '{}'", visit.payload.type); }

std::string key_label(const ValueVisit& visit) { return fmt::format("key '{}'", visit.path); }

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

std::string platform_names(const std::vector<const TargetedPlatform*>& platforms) {
  std::vector<std::string> names;
  names.reserve(platforms.size());
  for (const TargetedPlatform* p : platforms) names.emplace_back(p->name);
  return join(names);
}

std::vector<const TargetedPlatform*> payload_platforms_where(const PayloadVisit& visit,
                                                             const std::vector<TargetedPlatform>& platforms,
                                                             const Holds& holds, Gate gate) {
  std::vector<const TargetedPlatform*> out;
  if (!visit.schema) return out;
  for (const TargetedPlatform& p : platforms) {
    const std::optional<schema::PlatformFacts> facts = schema::payload_facts(*visit.schema, p.platform);
    if (passes(facts, p, gate) && holds(p, *facts)) out.push_back(&p);
  }
  return out;
}

namespace {
// Fills `levels` (emptied first); false when the key has no facts.
bool work_out_facts_along_chain(const ValueVisit& visit, schema::Platform platform, FactChain& levels) {
  if (is_common_key(visit) || !visit.payload.schema) return false;
  levels.clear();
  levels.reserve(visit.chain.size() + 1);
  levels.push_back(schema::payload_facts(*visit.payload.schema, platform));
  levels.push_back(top_level_facts(visit, platform));
  // Where the data wrongly says "n/a" for a top-level key (schema_errata.h),
  // the key and everything below it that states nothing of its own take
  // the payload's facts.
  const bool corrected =
      !available(levels[1]) && available(levels[0]) &&
      !errata::available_despite_data(visit.payload.payload.type, visit.chain.front()->name, platform).empty();
  if (corrected) levels[1] = levels[0];
  for (std::size_t depth = 2; depth <= visit.chain.size(); ++depth) {
    std::optional<schema::PlatformFacts> facts = schema::effective_facts(visit.group, visit.chain.first(depth),
                                                                         platform);
    if (corrected && facts && facts->introduced && facts->introduced->is_not_available()) facts = levels[1];
    levels.push_back(facts);
  }
  return true;
}
}  // namespace

const FactChain* facts_along_chain(const ValueVisit& visit, schema::Platform platform) {
  VisitMemo::Facts& memo = visit.payload.memo.facts(visit, platform);
  if (!memo.known) {
    memo.exists = work_out_facts_along_chain(visit, platform, memo.chain);
    memo.known = true;
  }
  return memo.exists ? &memo.chain : nullptr;
}

bool ancestors_in_effect(const std::vector<std::optional<schema::PlatformFacts>>& levels,
                         const TargetedPlatform& platform) {
  for (std::size_t i = 0; i + 1 < levels.size(); ++i) {
    if (!in_effect(levels[i], platform)) return false;
  }
  return true;
}

std::vector<const TargetedPlatform*> key_platforms_where(const ValueVisit& visit,
                                                         const std::vector<TargetedPlatform>& platforms,
                                                         const Holds& holds, Gate gate) {
  std::vector<const TargetedPlatform*> out;
  for (const TargetedPlatform& p : platforms) {
    const auto& levels = facts_along_chain(visit, p.platform);
    if (!levels) return out;
    if (!ancestors_in_effect(*levels, p) || !passes(levels->back(), p, gate)) continue;
    bool above = false;
    for (std::size_t i = 0; i + 1 < levels->size(); ++i) above = above || holds(p, *(*levels)[i]);
    if (!above && holds(p, *levels->back())) out.push_back(&p);
  }
  return out;
}

Diagnostic* report_key(Diagnostics& diagnostics, DiagnosticCode code, const ValueVisit& visit, std::string message,
                       std::string help) {
  const std::optional<std::size_t> repeats = later_repeats(visit);
  if (!repeats) return nullptr;
  if (*repeats > 0) {
    help += fmt::format(" ({} more item{} of the array set{} it too: reported here once)", *repeats,
                        *repeats == 1 ? "" : "s", *repeats == 1 ? "s" : "");
  }
  return &diagnostics.report(code, visit.key_span, std::move(message), std::move(help));
}

}  // namespace profilec::check::rules::targets
