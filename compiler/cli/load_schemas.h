#pragma once

#include <optional>
#include <string>

#include "cli/commands.h"
#include "schema/schema_set.h"

namespace profilec::cli {

// The embedded schemas, then the app schema folders of the profilec.toml
// that applies to `anchor` (the first path a command names; "" the current
// directory), then every --schema-dir (docs/app-schemas.md). Prints the
// problems of a folder (an invalid profilec schema, a malformed manifest:
// PC0040-PC0045 errors and warnings; PC0044 notes only with
// `schema import-report`) and returns nullopt on an error (the caller exits 2).
std::optional<schema::SchemaSet> load_schemas(const GlobalOptions& globals, const std::string& anchor = "");

}  // namespace profilec::cli
