// One TOML value -> one plist value.
#pragma once

#include <optional>
#include <string>

#include "diag/diagnostic.h"
#include "ir/value.h"
#include "lang/ast.h"
#include "lower/lower_policy.h"

namespace profilec {

// `base_dir` is where { file = } paths are relative to (the policy's folder).
// Returns nullopt (after reporting) for a value that cannot be lowered.
std::optional<ir::Value> lower_value(const lang::Value& value, const std::string& base_dir, const LowerInputs& inputs,
                                     Diagnostics& diagnostics);

// A TOML date-time with an offset -> UTC plist date; nullopt (reported) otherwise.
std::optional<ir::Date> lower_datetime(const lang::Value& value, Diagnostics& diagnostics);

}  // namespace profilec
