// A declaration read from a JSON file (read/read_declaration.h) -> policy
// source: a policy of declarations only, with one [declaration.<name>]
// table holding the declaration's Payload (docs/import.md, "Declaration
// files"). Checked as import_profile.h checks a profile's: compiled where it
// will be written, its errors marked with allow comments, and what it
// builds compared with the file's Payload. The Identifier and ServerToken
// are not kept: build derives its own (docs/ddm.md).
#pragma once

#include <optional>
#include <string>

#include "diag/diagnostic.h"
#include "import/import_profile.h"
#include "import/policy_model.h"
#include "ir/declaration.h"

namespace profilec::import {

// The declaration as the model of a policy named `name`.
PolicyModel declaration_model(const ir::Declaration& declaration, const std::string& name,
                              const std::string& source_name);

// `folder`: the output folder; the policy and its table are named after
// `stem` (slugified, made unique in the run).
std::optional<ImportedPolicy> import_declaration(const ir::Declaration& declaration, const std::string& folder,
                                                 const std::string& stem, const std::string& source_name,
                                                 ImportContext& context, Diagnostics& diagnostics);

}  // namespace profilec::import
