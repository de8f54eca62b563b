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
#include "ir/profile.h"
#include "schema/schema_set.h"

namespace profilec::import {

struct ImportOptions {
  bool keep_secrets = false;  // --keep-secrets: secrets stay inline
  // The profile has no PayloadOrganization but the project file that will
  // apply to the policy gives one: write omit = ["PayloadOrganization"].
  bool project_sets_organization = false;
};

// A file written beside the policy.
struct SideFile {
  std::string name;  // relative to the policy's folder: "wifi-root-ca.cer"
  std::string bytes;
  std::string what;  // "certificate", "PKCS #12 identity (holds a private key)", "data", ...
  bool private_key = false;
};

// A secret replaced by { env = "NAME" }.
struct SecretVariable {
  std::string name;   // PROFILEC_WIFI_CORP_PASSWORD
  std::string where;  // "wifi.toml: [payload.corp] Password"
  std::string value;  // the original text: only to verify the import, never printed or written
};

struct PolicySource {
  std::string name;  // written as <name>.toml
  std::string text;
  std::vector<SideFile> files;
  std::vector<SecretVariable> secrets;
  std::vector<std::string> kept_secrets;  // --keep-secrets: where a secret stayed inline
};

// Names that must be unique across one import run: side files (and the
// policies themselves) in the output folder, and environment variables.
struct RunNames {
  UniqueNames files;
  UniqueNames variables{"_"};
};

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
