// Overlay key paths ("EAPClientConfiguration.UserPassword") against a schema.
#pragma once

#include <optional>
#include <string>

#include "schema/schema.h"

namespace profilec::schema {

// The key a path names (arrays are stepped through to their item), or
// nullptr. `variant` views a variant group's keys over the base keys.
const Key* resolve_path(const PayloadSchema& schema, const KeyPath& path);

// Every overlay path resolves and fits its rule; the first problem, if any.
std::optional<std::string> validate_overlay(const PayloadSchema& schema);

}  // namespace profilec::schema
