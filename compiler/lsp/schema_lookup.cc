#include "lsp/schema_lookup.h"

#include "ir/value.h"
#include "schema/payload_fields.h"

namespace profilec::lsp {
namespace {

const schema::Key* child_named(const schema::PayloadSchema& schema, const schema::Key& parent, std::string_view name) {
  const schema::Key* any = nullptr;
  for (const schema::Key& key : schema.children(parent)) {
    if (key.name == name) return &key;
    if (key.is_any_name()) any = &key;
  }
  return any;
}

// Array items stand for their array: a path goes through them.
void step_into_items(const schema::PayloadSchema& schema, KeyChain& found) {
  while (found.chain.back()->type == schema::ValueType::kArray && !schema.children(*found.chain.back()).empty()) {
    found.chain.push_back(&schema.children(*found.chain.back()).front());
  }
}

}  // namespace

std::optional<KeyChain> find_key(const schema::PayloadSchema& schema, const schema::SchemaSet& schemas,
                                 const std::vector<std::string>& path) {
  if (path.empty()) return std::nullopt;
  KeyChain found;
  for (const schema::FieldDef& field : schema::payload_fields(schema, schemas, ir::make_dict())) {
    if (field.key->name == path.front()) {
      found.group = field.group;
      found.chain.push_back(field.key);
      break;
    }
  }
  if (found.chain.empty()) return std::nullopt;
  for (std::size_t i = 1; i < path.size(); ++i) {
    step_into_items(schema, found);
    const schema::Key* next = child_named(schema, *found.chain.back(), path[i]);
    if (next == nullptr) return std::nullopt;
    found.chain.push_back(next);
  }
  return found;
}

std::vector<const schema::Key*> keys_at(const schema::PayloadSchema& schema, const schema::SchemaSet& schemas,
                                        const std::vector<std::string>& path) {
  std::vector<const schema::Key*> keys;
  if (path.empty()) {
    for (const schema::FieldDef& field : schema::payload_fields(schema, schemas, ir::make_dict()))
      keys.push_back(field.key);
    return keys;
  }
  auto found = find_key(schema, schemas, path);
  if (!found) return keys;
  step_into_items(schema, *found);
  if (found->chain.back()->type != schema::ValueType::kDictionary) return keys;
  for (const schema::Key& key : schema.children(*found->chain.back())) {
    if (!key.is_any_name()) keys.push_back(&key);
  }
  return keys;
}

}  // namespace profilec::lsp
