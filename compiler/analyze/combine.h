// The overlay's combine rules (schemas/overlay, `combine`): how a device
// resolves one key set differently by several payloads. Apple documents this
// only for iPhone and iPad ("the more restrictive restriction wins"); see
// conflicts in docs/rules/PC4001-combined-values.md for where we apply it.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "ir/value.h"
#include "schema/schema.h"

namespace profilec::analyze {

// The rule for a top-level key of a payload type; kNone when the overlay
// states none (or the type has no overlay).
schema::CombineRule combine_rule(const schema::PayloadSchema* schema, std::string_view key);

// True when the type's overlay states combine facts: its payloads hold
// settings that merge on a device (rather than separate things, like two
// Wi-Fi networks).
bool has_combine_facts(const schema::PayloadSchema* schema);

// The value the device ends up with; nullopt when the rule is kNone or a
// value does not have the type the rule needs. `values` is not empty.
std::optional<ir::Value> combine_values(schema::CombineRule rule, std::span<const ir::Value* const> values);

// How the rule picks the value: "false wins if any payload says false".
std::string combine_reason(schema::CombineRule rule);

}  // namespace profilec::analyze
