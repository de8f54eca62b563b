// docs/rules/README.md's table of every rule, generated from the registry
// (codes.def) so that it cannot drift from it. The prose around the table is
// kept by hand; tools/rules-index rewrites the table in place
// (`ninja -C build update-rules-index`), and a unit test fails when the
// committed file differs from what it would write.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "diag/diagnostic.h"

namespace profilec {

// "| [PC0001](PC0001-toml-syntax.md) | toml-syntax | error | the file is not valid TOML |"
std::string rules_index_row(const DiagnosticInfo& rule);

// `readme` with its table (from the line "| code | name | default | summary |"
// to the first line after it that is not a row) replaced by one row per
// registered code, in codes.def's order; nullopt when it has no such table.
std::optional<std::string> with_fresh_rules_index(std::string_view readme);

}  // namespace profilec
