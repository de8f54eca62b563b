#include "schema/field_index.h"

namespace profilec::schema {

FieldIndex::FieldIndex(std::vector<FieldDef> fields) : fields_(std::move(fields)) {
  names_.reserve(fields_.size());
  by_name_.reserve(fields_.size());
  for (const FieldDef& field : fields_) {
    names_.push_back(field.key->name);
    by_name_.emplace(field.key->name, &field);  // the first definition wins
  }
}

const FieldDef* FieldIndex::find(std::string_view name) const {
  const auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : it->second;
}

namespace {

template <typename Map, typename Key, typename Make>
const FieldIndex& find_or_make(std::mutex& mutex, Map& indexes, Key key, const Make& make) {
  const std::lock_guard lock(mutex);
  auto [it, inserted] = indexes.try_emplace(std::move(key));
  if (inserted) it->second = std::make_unique<FieldIndex>(make());
  return *it->second;
}

}  // namespace

const FieldIndex& FieldIndexCache::payload(const PayloadSchema& schema, const SchemaSet& schemas,
                                           const ir::Value& content) {
  // The fields depend on `content` only through the variants it selects.
  std::vector<const Group*> selected = selected_variants(schema, content);
  return find_or_make(mutex_, payloads_, std::make_pair(&schema, selected),
                      [&] { return payload_fields(schema, schemas, selected); });
}

const FieldIndex& FieldIndexCache::nested(const std::vector<Key>& defs, const Group& group) {
  return find_or_make(mutex_, nested_, std::make_pair(&defs, &group), [&] {
    std::vector<FieldDef> fields;
    fields.reserve(defs.size());
    for (const Key& def : defs) fields.push_back({&def, &group});
    return fields;
  });
}

void FieldIndexCache::clear() {
  const std::lock_guard lock(mutex_);
  payloads_.clear();
  nested_.clear();
}

}  // namespace profilec::schema
