// Declaration JSON files in a run of `check` (or `build`, `effective`):
// read as they are (read/read_declaration.h), checked with the declaration
// rules against their target, never written. docs/ddm.md, "Declaration
// files", states which files these are.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "diag/diagnostic.h"
#include "diag/source_map.h"
#include "ir/declaration.h"
#include "ir/profile.h"
#include "project/discover.h"
#include "schema/schema_set.h"

namespace profilec {

// A .json file of a folder walk whose text claims to be a declaration
// (read::claims_declaration); a .json file named on the command line,
// whatever it holds (reported when it is none); another file named on the
// command line that is a JSON object claiming it.
bool is_declaration_input(const PolicyInput& input, std::string_view bytes);

// A .json file a folder walk found: one that is not a declaration is left
// alone, whatever it holds.
bool is_json_in_walk(const PolicyInput& input);

// Reads `bytes` as a declaration and runs the declaration rules on it
// (PC6xxx, with `target` and the clock `now` as check_declarations takes
// them). Findings go to `diagnostics`, the text to `sources`. Returns the
// declaration when the file is one and could be read; `not_a_declaration`
// is set for well-formed JSON that only seemed to claim it (nothing is
// reported then, unless the file was named on the command line).
std::optional<ir::Declaration> check_declaration_file(const PolicyInput& input, std::string bytes,
                                                      const ir::Target& target, std::int64_t now,
                                                      const schema::SchemaSet& schemas, Diagnostics& diagnostics,
                                                      SourceMap& sources, bool& not_a_declaration);

}  // namespace profilec
