#include "schema/payload_fields.h"

#include <string_view>
#include <unordered_set>

namespace profilec::schema {
namespace {

// The fields in order of definition, each name once. The names taken are a
// hash set, since a payload such as Restrictions has hundreds of keys.
class FieldList {
 public:
  void add_unique(const Key& key, const Group& group) {
    if (names_.insert(key.name).second) fields_.push_back({&key, &group});
  }
  std::vector<FieldDef> take() { return std::move(fields_); }

 private:
  std::vector<FieldDef> fields_;
  std::unordered_set<std::string_view> names_;
};

}  // namespace

std::vector<const Group*> selected_variants(const PayloadSchema& schema, const ir::Value& content) {
  std::vector<const Group*> selected;
  for (const Group& group : schema.groups) {
    if (!group.is_variant()) continue;
    const ir::Value* selector = content.find(group.when_key);
    if (selector && selector->is_string() && selector->string() == group.when_value) selected.push_back(&group);
  }
  return selected;
}

std::vector<FieldDef> payload_fields(const PayloadSchema& schema, const SchemaSet& schemas, const ir::Value& content) {
  return payload_fields(schema, schemas, selected_variants(schema, content));
}

std::vector<FieldDef> payload_fields(const PayloadSchema& schema, const SchemaSet& schemas,
                                     const std::vector<const Group*>& selected) {
  FieldList fields;
  for (const Group* group : selected) {
    for (const Key& key : group->keys) fields.add_unique(key, *group);
  }
  for (const Group& group : schema.groups) {
    if (group.is_variant()) continue;
    for (const Key& key : group.keys) fields.add_unique(key, group);
  }
  if (schema.kind == SchemaKind::kPayload) {
    for (const Group& group : schemas.common().groups) {
      for (const Key& key : group.keys) fields.add_unique(key, group);
    }
  }
  return fields.take();
}

}  // namespace profilec::schema
