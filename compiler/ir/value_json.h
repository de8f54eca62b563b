// A plist value as typed JSON (`effective --format json`, `diff --format
// json`): booleans, numbers, strings, arrays and objects as themselves; a
// date as its ISO 8601 text; data as { "base64": ... }; an integer above
// INT64_MAX as its decimal text; a secret as { "secret": true } (its value
// is never printed).
#pragma once

#include "base/json_writer.h"
#include "ir/value.h"

namespace profilec::ir {

void value_json(JsonWriter& json, const Value& value);

}  // namespace profilec::ir
