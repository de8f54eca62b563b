// Walks every payload of a profile alongside its schema and shows each
// payload, dictionary and value to the rules.
#pragma once

#include "check/rule.h"

namespace profilec::check {

void walk_profile(const ir::Profile& profile, const schema::SchemaSet& schemas,
                  const std::vector<const Rule*>& rules, Diagnostics& diagnostics);

// The fields a payload's top-level dictionary may hold: the keys of its
// plain groups (a name defined twice keeps its first definition), replaced
// or extended by a variant whose selector key has its value, plus the keys
// every payload has.
std::vector<FieldDef> payload_fields(const schema::PayloadSchema& schema, const schema::SchemaSet& schemas,
                                     const ir::Value& content);

}  // namespace profilec::check
