// Plist values as the analysis compares them: equality ignores where a value
// was written, and a short TOML-like rendering names a value in a message.
#pragma once

#include <string>

#include "ir/value.h"

namespace profilec::analyze {

// Same type and same contents, recursively (dictionary keys in any order).
bool same_value(const ir::Value& a, const ir::Value& b);

// `false`, `4`, `"WPA2"`, `["a", "b"]`, `{ 2 keys }`; a secret is `(secret)`.
std::string describe_value(const ir::Value& value);

}  // namespace profilec::analyze
