#include "import/key_order.h"

#include <algorithm>

namespace profilec::import {

SchemaPlace child_place(const SchemaPlace& parent, std::string_view name) {
  if (!parent.schema || !parent.key || parent.key->type != schema::ValueType::kDictionary)
    return {parent.schema, nullptr};
  for (const schema::Key& child : parent.schema->children(*parent.key)) {
    if (child.name == name || child.is_any_name()) return {parent.schema, &child};
  }
  return {parent.schema, nullptr};
}

SchemaPlace item_place(const SchemaPlace& parent) {
  if (!parent.schema || !parent.key || parent.key->type != schema::ValueType::kArray) return {parent.schema, nullptr};
  const std::vector<schema::Key>& items = parent.schema->children(*parent.key);
  return {parent.schema, items.empty() ? nullptr : &items.front()};
}

std::vector<const schema::Key*> known_children(const SchemaPlace& place) {
  std::vector<const schema::Key*> out;
  if (!place.schema || !place.key || place.key->type != schema::ValueType::kDictionary) return out;
  for (const schema::Key& child : place.schema->children(*place.key)) {
    if (!child.is_any_name()) out.push_back(&child);
  }
  return out;
}

std::vector<const ir::DictEntry*> readable_order(const ir::Dict& dict, const std::vector<std::string_view>& first,
                                                 const std::vector<const schema::Key*>& known) {
  std::vector<const ir::DictEntry*> out;
  out.reserve(dict.size());
  std::vector<bool> taken(dict.size(), false);
  const auto take = [&](std::string_view name) {
    for (std::size_t i = 0; i < dict.size(); ++i) {
      if (!taken[i] && dict[i].key == name) {
        taken[i] = true;
        out.push_back(&dict[i]);
      }
    }
  };
  for (std::string_view name : first) take(name);
  for (const schema::Key* key : known) take(key->name);
  for (std::size_t i = 0; i < dict.size(); ++i) {
    if (!taken[i]) out.push_back(&dict[i]);
  }
  return out;
}

}  // namespace profilec::import
