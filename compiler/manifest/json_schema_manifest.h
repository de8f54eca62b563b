// JSON Schema app manifests, as Jamf Pro takes them for "Application &
// Custom Settings" (title, description, properties, options, links) -> the
// schema model. What each construct becomes and what is not expressed:
// docs/app-schemas.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "diag/diagnostic.h"
#include "schema/schema.h"

namespace profilec::manifest {

// The schema of one manifest, or nullopt after reporting why not: PC0040
// (not JSON), PC0041 (no `properties`), PC0042 (a field of the wrong type
// or value), PC0045 (JSON that is no object). Its payload type is the
// manifest's `__preferencedomain`, else the file name without `.json`
// (in the title's letter case when the title is that name).
// Constructs the model cannot express are PC0044 notes, and are listed in
// the schema's `not_expressed`.
std::optional<schema::PayloadSchema> read_json_schema_manifest(std::string_view text, const std::string& path,
                                                               Diagnostics& diagnostics);

}  // namespace profilec::manifest
