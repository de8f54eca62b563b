#include "schema/key_path.h"

#include <fmt/format.h>

namespace profilec::schema {
namespace {

const Key* find_key(const std::vector<Key>& keys, std::string_view name) {
  for (const Key& key : keys) {
    if (key.name == name) return &key;
  }
  return nullptr;
}

}  // namespace

const Key* resolve_path(const PayloadSchema& schema, const KeyPath& path) {
  // The top level: a variant's keys over the plain groups' keys.
  const Key* key = nullptr;
  if (!path.variant.empty()) {
    for (const Group& group : schema.groups) {
      if (group.variant == path.variant) key = find_key(group.keys, path.segments.front());
    }
  }
  if (!key) {
    const auto defs = schema.top_level(path.segments.front());
    if (!defs.empty()) key = defs.front().second;
  }
  for (std::size_t i = 1; key && i < path.segments.size(); ++i) {
    // Arrays are transparent: step to the item, then look in its fields.
    while (key->type == ValueType::kArray) {
      const auto& item = schema.children(*key);
      if (item.empty()) return nullptr;
      key = &item.front();
    }
    key = find_key(schema.children(*key), path.segments[i]);
  }
  return key;
}

std::optional<std::string> validate_overlay(const PayloadSchema& schema) {
  const Overlay& overlay = schema.overlay;
  auto missing = [&](const KeyPath& path) {
    return fmt::format("overlay path '{}' is not a key of {}", path.text(), schema.payload_type);
  };
  for (const CombineFact& fact : overlay.combine) {
    const Key* key = resolve_path(schema, fact.path);
    if (!key) return missing(fact.path);
    const bool fits = fact.rule == CombineRule::kNone ||
                      ((fact.rule == CombineRule::kBooleanAnd || fact.rule == CombineRule::kBooleanOr) &&
                       key->type == ValueType::kBoolean) ||
                      ((fact.rule == CombineRule::kNumberMin || fact.rule == CombineRule::kNumberMax) &&
                       (key->type == ValueType::kInteger || key->type == ValueType::kReal)) ||
                      ((fact.rule == CombineRule::kSetUnion || fact.rule == CombineRule::kSetIntersection) &&
                       key->type == ValueType::kArray);
    if (!fits) {
      return fmt::format("combine rule {} does not fit '{}', a {}", combine_rule_name(fact.rule), fact.path.text(),
                         value_type_name(key->type));
    }
  }
  for (const SecretFact& fact : overlay.secrets) {
    if (!resolve_path(schema, fact.path)) return missing(fact.path);
  }
  for (const ReferenceFact& fact : overlay.references) {
    if (!resolve_path(schema, fact.path)) return missing(fact.path);
  }
  return std::nullopt;
}

}  // namespace profilec::schema
