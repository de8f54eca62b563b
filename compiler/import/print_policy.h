// A policy model (policy_model.h) as TOML text: pure, it looks nothing up
// and keeps no state beyond its argument. Layout is decided here: a value
// fits on its key's line, a long array is split one item a line, a
// dictionary (or array of dictionaries) too long, too deep or holding a line
// break becomes a [table] (or [[array of tables]]).
#pragma once

#include <string>

#include "import/policy_model.h"

namespace profilec::import {

// Lines longer than this are split (arrays) or become tables (dictionaries).
inline constexpr std::size_t kLineWidth = 100;

std::string print_policy(const PolicyModel& model);

}  // namespace profilec::import
