// The order import writes a dictionary's keys in: housekeeping first, then
// the schema's order where the schema knows the keys, then the rest as they
// were in the file. (The plist writer sorts keys, so order is only for
// people reading the source.)
#pragma once

#include <string_view>
#include <vector>

#include "ir/value.h"
#include "schema/schema.h"

namespace profilec::import {

// What the schema says about a value: the key that describes it (nullptr
// when unknown) in the payload's schema (nullptr when the type is unknown).
struct SchemaPlace {
  const schema::PayloadSchema* schema = nullptr;
  const schema::Key* key = nullptr;
};

// The place of a dictionary entry named `name` inside a value at `parent`
// (for the payload's own dictionary, pass its top-level fields instead).
SchemaPlace child_place(const SchemaPlace& parent, std::string_view name);
// The place of an array's items.
SchemaPlace item_place(const SchemaPlace& parent);

// `dict`'s entries: first those named in `first` (in that order), then those
// `known` lists (in its order), then the rest in file order.
std::vector<const ir::DictEntry*> readable_order(const ir::Dict& dict, const std::vector<std::string_view>& first,
                                                 const std::vector<const schema::Key*>& known);

// The keys a value at `place` may hold, in schema order (empty: not known).
std::vector<const schema::Key*> known_children(const SchemaPlace& place);

}  // namespace profilec::import
