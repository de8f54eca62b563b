#pragma once

#include <optional>

#include "cli/commands.h"
#include "schema/schema_set.h"

namespace profilec::cli {

// The embedded schemas plus every --schema-dir. Prints the first problem in
// a --schema-dir and returns nullopt (the caller exits 2).
std::optional<schema::SchemaSet> load_schemas(const GlobalOptions& globals);

}  // namespace profilec::cli
