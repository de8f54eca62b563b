// .mobileconfig files in a run of `check` (or `build`, `effective`): read as
// they are (compiler/read/), checked like a compiled policy against their
// target, then analysed together with the policies. They are never written:
// `build` compiles policy source only.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "cert/certificate_checks.h"
#include "diag/diagnostic.h"
#include "diag/source_map.h"
#include "ir/profile.h"
#include "project/discover.h"
#include "project/project_config.h"
#include "schema/schema_set.h"
#include "sign/identity.h"

namespace profilec {

// A file found by its .mobileconfig extension, or a file named on the
// command line whose content is a property list or CMS (not TOML).
bool is_mobileconfig_input(const PolicyInput& input, std::string_view bytes);

// The target a .mobileconfig file at `path` is checked for: the one given
// on the command line (`check --platform ...`) if any, else the first
// [[targets]] entry of the profilec.toml that applies to it whose paths
// match, else that file's [target] when it has one. With none of these the
// target names no platforms (ir::Target::stated() is false): the per-file target
// rules say nothing, and the analysis across files assumes every device
// its payloads can reach.
ir::Target mobileconfig_target(const std::optional<ir::Target>& given, const ProjectConfig* project,
                               const std::string& path);

// Reads `bytes` as a profile and runs the checks on it. Findings go to
// `diagnostics`, the text that spans point into to `sources`. Returns the
// profile when the file could be read as one.
// A signed file's signer certificate is checked against `expiry` like a
// signing certificate (PC5001-PC5006), located at the file.
std::optional<ir::Profile> check_mobileconfig(const std::string& path, std::string_view bytes, const ir::Target& target,
                                              const schema::SchemaSet& schemas, const cert::ExpiryPolicy& expiry,
                                              const sign::SigningIdentity* decrypt_with, Diagnostics& diagnostics,
                                              SourceMap& sources);

}  // namespace profilec
