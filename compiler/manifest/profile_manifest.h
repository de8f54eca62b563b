// ProfileManifests (the pfm_* plists behind ProfileCreator and iMazing
// Profile Editor) -> the schema model. What each construct becomes and what
// is not expressed: docs/app-schemas.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "diag/diagnostic.h"
#include "schema/schema.h"

namespace profilec::manifest {

// The schema of one manifest (payload type = its pfm_domain), or nullopt
// after reporting why not: PC0040 (not a plist), PC0041 (a field missing),
// PC0042 (a field of the wrong type or value), PC0045 (a plist that is no
// manifest). Constructs the model cannot express are PC0044 notes, and are
// listed in the schema's `not_expressed`.
std::optional<schema::PayloadSchema> read_profile_manifest(std::string_view text, const std::string& path,
                                                           Diagnostics& diagnostics);

}  // namespace profilec::manifest
