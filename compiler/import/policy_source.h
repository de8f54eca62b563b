// What import produces for one profile besides its model: the options it
// writes under, the files and secrets it leaves beside the source, and the
// names it hands out across a run (write_policy.h puts them together).
#pragma once

#include <string>
#include <vector>

#include "import/names.h"

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

}  // namespace profilec::import
