// A profile read from a .mobileconfig -> policy source: the TOML text, the
// data files beside it and the secrets it leaves out. docs/import.md says
// how each part of a plist is written.
//
// Pure: nothing is read or written here, and nothing is checked beyond what
// the source must be able to say (import_profile.h builds the result and
// compares it with the original).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "import/names.h"
#include "import/policy_source.h"
#include "ir/profile.h"
#include "schema/schema_set.h"

namespace profilec::import {

// The profile as policy source named `name` (already claimed in
// names.files as <name>.toml). `source_name` is the imported file's name for
// the header comment. What the source cannot say is reported as PC0030 at
// its place in the .mobileconfig, and the result is nullopt.
std::optional<PolicySource> write_policy(const ir::Profile& profile, const std::string& name,
                                         const std::string& source_name, const schema::SchemaSet& schemas,
                                         const ImportOptions& options, RunNames& names, Diagnostics& diagnostics);

// The plist a profile read from a file stands for: its envelope with
// PayloadContent (a bare payload's envelope already holds everything).
ir::Value original_plist(const ir::Profile& profile);

}  // namespace profilec::import
