// One rule per file in this folder; each file defines one of these.
#pragma once

#include "check/rule.h"

namespace profilec::check::rules {

// PC1xxx: schema
const Rule& unknown_payload_type();
const Rule& unknown_key();
const Rule& wrong_type();
const Rule& not_allowed_value();
const Rule& out_of_range();
const Rule& format_mismatch();
const Rule& value_type_mismatch();
const Rule& missing_required_key();
const Rule& array_length();

}  // namespace profilec::check::rules

namespace profilec::check::rules {
// For tests: whether the format rule can use a schema pattern.
bool format_pattern_compiles(const std::string& pattern);
}  // namespace profilec::check::rules
