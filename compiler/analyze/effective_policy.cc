#include "analyze/effective_policy.h"

#include <fmt/format.h>

#include <map>

#include "analyze/combine.h"
#include "analyze/index.h"
#include "analyze/targets.h"
#include "analyze/value_compare.h"
#include "schema/resolve_facts.h"

namespace profilec::analyze {
namespace {

struct Setting {
  const ir::Payload* payload;
  const ir::DictEntry* entry;
};

bool merges_by_key(const schema::PayloadSchema* schema, schema::Platform platform) {
  if (!schema) return false;
  if (has_combine_facts(schema)) return true;
  const auto facts = schema::payload_facts(*schema, platform);
  return facts && facts->multiple.has_value() && !*facts->multiple;
}

SettingSource source_of(const Setting& s) {
  return SettingSource{s.entry->value, s.entry->key_span.known() ? s.entry->key_span : s.entry->value.span};
}

}  // namespace

EffectivePolicy effective_policy(const std::vector<const ir::Profile*>& profiles, const schema::SchemaSet& schemas,
                                 const Device& device, const std::vector<PolicyDeclarations>& declarations) {
  EffectivePolicy policy;
  // Sorted output; the number of distinct (payload, key) pairs bounds the map.
  std::map<std::pair<std::string, std::string>, std::vector<Setting>> groups;
  for (const ir::Profile* profile : profiles) {
    if (!admits(profile->target, device.platform, device.supervised, device.enrollment)) continue;
    // A device refuses a profile with a payload type its OS does not
    // support (targets.h): what the payloads prove narrows the target.
    const KindMask payloads = payload_kinds(*profile, schemas);
    const auto platform_index = static_cast<std::size_t>(device.platform);
    if (payloads != 0 && (payloads & (KindMask{0b111} << (platform_index * 3))) == 0) continue;
    policy.profiles.push_back(profile);
    for (const ir::Payload& payload : profile->payloads) {
      if (!payload.content.is_dict()) continue;
      std::string name = payload.type;
      if (!merges_by_key(schemas.find(payload.type), device.platform)) {
        const std::string* id = string_field(payload.content, "PayloadIdentifier");
        name = fmt::format("{} ({})", payload.type, id ? *id : payload.name);
      }
      for (const ir::DictEntry& entry : payload.content.dict()) {
        if (is_bookkeeping_key(entry.key)) continue;
        groups[{name, entry.key}].push_back(Setting{&payload, &entry});
      }
    }
  }
  std::vector<const ir::Value*> values;
  for (const auto& [name, settings] : groups) {
    EffectiveSetting out;
    out.payload = name.first;
    out.key = name.second;
    const ir::Value& first = settings.front().entry->value;
    bool differ = false;
    for (const Setting& s : settings) differ = differ || !same_value(s.entry->value, first);
    if (!differ) {
      out.value = first;
      out.winner = source_of(settings.front());
      policy.settings.push_back(std::move(out));
      continue;
    }
    const schema::CombineRule rule = combine_rule(schemas.find(settings.front().payload->type), out.key);
    values.clear();
    for (const Setting& s : settings) values.push_back(&s.entry->value);
    std::optional<ir::Value> combined;
    if (device.platform == schema::Platform::kIOS) combined = combine_values(rule, values);
    std::vector<SettingSource> sources;
    sources.reserve(settings.size());
    for (const Setting& s : settings) sources.push_back(source_of(s));
    settle_differing_values(out, std::move(combined), std::string(schema::combine_rule_name(rule)), sources);
    policy.settings.push_back(std::move(out));
  }
  add_effective_declarations(declarations, schemas, device, policy);
  return policy;
}

void settle_differing_values(EffectiveSetting& out, std::optional<ir::Value> combined, std::string rule,
                             const std::vector<SettingSource>& sources) {
  if (combined) {
    out.value = std::move(*combined);
    out.resolution = Resolution::kCombined;
    out.rule = std::move(rule);
  } else {
    out.value = sources.front().value;
    out.resolution = Resolution::kUndefined;
  }
  for (const SettingSource& source : sources) {
    const bool same = same_value(source.value, out.value);
    if (same && !out.winner) out.winner = source;
    else if (!same) out.overridden.push_back(source);
  }
}

}  // namespace profilec::analyze
