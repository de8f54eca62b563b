// The declarations part of the effective policy (effective_policy.h): the
// configurations a device receives from every policy meant for it. A type
// Apple marks `apply: combined` merges across declarations key by key, each
// key by its `combinetype`; other types stand on their own, one entry per
// declaration.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "analyze/combine.h"
#include "analyze/declarations.h"
#include "analyze/effective_policy.h"
#include "analyze/value_compare.h"
#include "schema/resolve_facts.h"

namespace profilec::analyze {
namespace {

struct Leaf {
  const ir::DictEntry* entry;
  const schema::Key* key;  // nullptr when the schema does not define it
};

const schema::Key* child_named(const schema::PayloadSchema& schema, const schema::Key* parent, std::string_view name) {
  if (!parent) {
    const auto found = schema.top_level(name);
    return found.empty() ? nullptr : found.front().second;
  }
  for (const schema::Key& k : schema.children(*parent)) {
    if (k.name == name) return &k;
  }
  return nullptr;
}

// The settings of one declaration, by key path ("AutomaticActions.Download"):
// a dictionary without a combinetype of its own merges key by key, as
// Apple's combinetypes sit on its subkeys.
void collect_leaves(const ir::Value& dict, const schema::PayloadSchema& schema, const schema::Key* parent,
                    const std::string& prefix, std::map<std::string, std::vector<Leaf>>& leaves) {
  for (const ir::DictEntry& entry : dict.dict()) {
    const schema::Key* key = child_named(schema, parent, entry.key);
    const std::string path = prefix.empty() ? entry.key : prefix + "." + entry.key;
    if (entry.value.is_dict() && key && key->combinetype.empty()) {
      collect_leaves(entry.value, schema, key, path, leaves);
    } else {
      leaves[path].push_back(Leaf{&entry, key});
    }
  }
}

SettingSource leaf_source(const Leaf& leaf) {
  return SettingSource{leaf.entry->value, leaf.entry->key_span.known() ? leaf.entry->key_span : leaf.entry->value.span};
}

// enum-last: of the values set, the one latest in the key's list of allowed
// values (Apple orders them from the least to the most restrictive).
std::optional<ir::Value> enum_last(const schema::Key& key, const std::vector<const ir::Value*>& values) {
  const ir::Value* best = nullptr;
  std::size_t best_index = 0;
  for (const ir::Value* v : values) {
    if (!v->is_string()) return std::nullopt;
    const auto it = std::find(key.allowed_values.begin(), key.allowed_values.end(), schema::Scalar{v->string()});
    if (it == key.allowed_values.end()) return std::nullopt;
    const auto index = static_cast<std::size_t>(it - key.allowed_values.begin());
    if (!best || index > best_index) {
      best = v;
      best_index = index;
    }
  }
  return best ? std::optional<ir::Value>(*best) : std::nullopt;
}

std::optional<ir::Value> combine_by(const schema::Key& key, const std::vector<const ir::Value*>& values) {
  if (key.combinetype == "enum-last") return enum_last(key, values);
  const auto rule = schema::combine_rule_from_name(key.combinetype);
  if (!rule) return std::nullopt;  // "first": the device keeps whichever it applied first
  return combine_values(*rule, values);
}

EffectiveSetting resolve(const std::string& name, const std::string& path, const std::vector<Leaf>& leaves) {
  EffectiveSetting out;
  out.payload = name;
  out.key = path;
  const ir::Value& first = leaves.front().entry->value;
  const bool differ = std::any_of(leaves.begin(), leaves.end(),
                                  [&](const Leaf& l) { return !same_value(l.entry->value, first); });
  if (!differ) {
    out.value = first;
    out.winner = leaf_source(leaves.front());
    return out;
  }
  std::vector<const ir::Value*> values;
  values.reserve(leaves.size());
  for (const Leaf& l : leaves) values.push_back(&l.entry->value);
  const schema::Key* key = leaves.front().key;
  std::optional<ir::Value> combined;
  if (key && !key->combinetype.empty()) combined = combine_by(*key, values);
  std::vector<SettingSource> sources;
  sources.reserve(leaves.size());
  for (const Leaf& l : leaves) sources.push_back(leaf_source(l));
  settle_differing_values(out, std::move(combined), key ? key->combinetype : std::string(), sources);
  return out;
}

}  // namespace

void add_effective_declarations(const std::vector<PolicyDeclarations>& policies, const schema::SchemaSet& schemas,
                                const Device& device, EffectivePolicy& policy) {
  // (name, key path) -> the leaves, sorted for the output.
  std::map<std::pair<std::string, std::string>, std::vector<Leaf>> groups;
  for (const PolicyDeclarations& p : policies) {
    if (!admits(*p.target, device.platform, device.supervised, device.enrollment)) continue;
    bool received = false;
    for (const ir::Declaration& declaration : *p.declarations) {
      const schema::PayloadSchema* schema = schemas.find_declaration(declaration.type);
      if (!schema || schema->declaration_class != "configuration" || !declaration.payload.is_dict()) continue;
      const auto facts = schema::payload_facts(*schema, device.platform);
      if (!facts || !facts->supported()) continue;
      received = true;
      const std::string name = schema->apply == "combined"
                                   ? declaration.type
                                   : fmt::format("{} ({}: {})", declaration.type, declaration.span.path_or_empty(),
                                                 declaration.name);
      std::map<std::string, std::vector<Leaf>> leaves;
      collect_leaves(declaration.payload, *schema, nullptr, {}, leaves);
      for (auto& [path, found] : leaves) {
        auto& group = groups[{name, path}];
        group.insert(group.end(), found.begin(), found.end());
      }
    }
    if (received) policy.declaration_sources.push_back(p.declarations->front().span.path_or_empty());
  }
  for (const auto& [name, leaves] : groups) policy.declarations.push_back(resolve(name.first, name.second, leaves));
}

}  // namespace profilec::analyze
