// A profile read from a .mobileconfig -> the model of the policy import
// writes (policy_model.h): every value decided (inline, a data file beside
// the policy, an { env = } secret, a table), every table's entries in the
// order to write them (housekeeping, then the schema's order, then the
// file's), the data files and secrets collected. What policy source cannot
// say is reported as PC0030 at its place in the .mobileconfig.
//
// Names are handed out (RunNames) in the order values are met: the
// envelope's keys as in the file, then each payload's in the order written.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "import/policy_model.h"
#include "import/policy_source.h"
#include "ir/profile.h"
#include "schema/schema_set.h"

namespace profilec::import {

struct BuiltPolicy {
  PolicyModel model;
  std::vector<SideFile> files;
  std::vector<SecretVariable> secrets;
  std::vector<std::string> kept_secrets;  // --keep-secrets: where a secret stayed inline
};

// `name`: the policy's file name without .toml (side files and variables
// are named after it); `source_name`: the imported file's name. nullopt when
// anything was reported.
std::optional<BuiltPolicy> build_policy_model(const ir::Profile& profile, const std::string& name,
                                              const std::string& source_name, const schema::SchemaSet& schemas,
                                              const ImportOptions& options, RunNames& names, Diagnostics& diagnostics);

// A plist whose top-level PayloadType is not Configuration: the reader keeps
// its whole dictionary, PayloadContent included, as the envelope.
bool is_bare(const ir::Profile& profile);

}  // namespace profilec::import
