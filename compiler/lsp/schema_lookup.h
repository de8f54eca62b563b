// The schema keys a place in a policy can hold: a payload table's keys for
// its `type`, and the keys below them by a path of names (array items are
// stepped through), each with the group whose platform facts it inherits.
#pragma once

#include <string>
#include <vector>

#include "schema/schema.h"
#include "schema/schema_set.h"

namespace profilec::lsp {

struct KeyChain {
  const schema::Group* group = nullptr;
  std::vector<const schema::Key*> chain;  // top-level key first
};

// The keys valid at `path` below a payload of `schema` (empty path: its
// top-level fields, with the keys every payload has); empty when the path
// names no dictionary.
std::vector<const schema::Key*> keys_at(const schema::PayloadSchema& schema, const schema::SchemaSet& schemas,
                                        const std::vector<std::string>& path);

// The key `path` names, with its chain; nullopt when none.
std::optional<KeyChain> find_key(const schema::PayloadSchema& schema, const schema::SchemaSet& schemas,
                                 const std::vector<std::string>& path);

}  // namespace profilec::lsp
