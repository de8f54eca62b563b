// Where two plist values first differ, for import's self-check: a rebuilt
// profile must equal the original in every key, value and value type.
#pragma once

#include <optional>
#include <string>

#include "ir/value.h"

namespace profilec::import {

// nullopt when `rebuilt` equals `original` (dictionary keys in any order,
// reals bit for bit); else the path of the first difference:
// "PayloadContent[2].Password", or "" for the values themselves.
std::optional<std::string> plist_difference(const ir::Value& original, const ir::Value& rebuilt);

}  // namespace profilec::import
