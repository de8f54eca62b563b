// The fields a dictionary may hold (payload_fields.h), with their names
// indexed, for the checker, which looks up every entry of every dictionary
// it walks. A payload's fields depend only on its schema and the selector
// values that pick its variants, a nested dictionary's on its definition,
// so each list is made once a run and kept by the SchemaSet
// (SchemaSet::field_indexes) rather than once a payload.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ir/value.h"
#include "schema/payload_fields.h"
#include "schema/schema.h"

namespace profilec::schema {

class FieldIndex {
 public:
  explicit FieldIndex(std::vector<FieldDef> fields);

  // The fields in order of definition, as payload_fields gives them.
  std::vector<FieldDef>::const_iterator begin() const { return fields_.begin(); }
  std::vector<FieldDef>::const_iterator end() const { return fields_.end(); }
  std::size_t size() const { return fields_.size(); }
  bool empty() const { return fields_.empty(); }

  // The first field of that name, or nullptr.
  const FieldDef* find(std::string_view name) const;
  // Every field's name, in order (what "did you mean" chooses from).
  const std::vector<std::string>& names() const { return names_; }

 private:
  std::vector<FieldDef> fields_;
  std::vector<std::string> names_;
  std::unordered_map<std::string_view, const FieldDef*> by_name_;
};

// The indexes of one SchemaSet's schemas, made on first use. Thread-safe:
// the returned references stay valid as long as the cache.
class FieldIndexCache {
 public:
  // payload_fields(schema, schemas, content), indexed.
  const FieldIndex& payload(const PayloadSchema& schema, const SchemaSet& schemas, const ir::Value& content);
  // The keys `defs` of a nested dictionary, each inheriting `group`'s facts.
  const FieldIndex& nested(const std::vector<Key>& defs, const Group& group);
  // Forgets every index (the schemas they point into are being replaced).
  void clear();

 private:
  std::mutex mutex_;
  // By payload schema and the variant groups its content selects.
  std::map<std::pair<const PayloadSchema*, std::vector<const Group*>>, std::unique_ptr<FieldIndex>> payloads_;
  // By a nested dictionary's definitions and group.
  std::map<std::pair<const std::vector<Key>*, const Group*>, std::unique_ptr<FieldIndex>> nested_;
};

}  // namespace profilec::schema
