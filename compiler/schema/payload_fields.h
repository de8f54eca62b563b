// The fields a payload's top-level dictionary may hold, from its schema and
// the payload's own selector values: a schema question, asked by the checker
// (check/walk.cc) and by import (import/write_policy.cc).
#pragma once

#include <vector>

#include "ir/value.h"
#include "schema/schema.h"
#include "schema/schema_set.h"

namespace profilec::schema {

// A schema key and the group whose platform facts it inherits.
struct FieldDef {
  const Key* key;
  const Group* group;
};

// The keys of the schema's plain groups (a name defined twice keeps its first
// definition), replaced or extended by a variant whose selector key has its
// value in `content`, plus the keys every payload has.
std::vector<FieldDef> payload_fields(const PayloadSchema& schema, const SchemaSet& schemas, const ir::Value& content);

// The variant groups of `schema` whose selector key has its value in
// `content`, in order: all that payload_fields reads of the content.
std::vector<const Group*> selected_variants(const PayloadSchema& schema, const ir::Value& content);
// payload_fields with the variants already selected.
std::vector<FieldDef> payload_fields(const PayloadSchema& schema, const SchemaSet& schemas,
                                     const std::vector<const Group*>& selected);

}  // namespace profilec::schema
