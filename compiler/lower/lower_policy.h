// Policy AST -> profile IR: derives identifiers and UUIDs, reads { file = }
// data, decodes base64, resolves { env = } secrets (build only) and turns
// TOML values into plist values. Reports what cannot be lowered.
#pragma once

#include <optional>
#include <string>

#include "base/environment.h"
#include "base/file_system.h"
#include "diag/diagnostic.h"
#include "ir/profile.h"
#include "lang/ast.h"
#include "lower/secret_policy.h"

namespace profilec {

enum class SecretMode {
  kResolve,      // build: read each { env = } variable; unset is an error
  kPlaceholder,  // check: never read secrets; an empty string marked secret stands in
};

struct LowerInputs {
  const FileSystem& files;
  const Environment& environment;
  SecretMode secrets = SecretMode::kPlaceholder;
  // The trust boundary (docs/security.md): { file = } data must lie below
  // this folder ("" is the current directory) ...
  std::string repository_root;
  // ... and { env = } may name only the variables this allows (in `check`
  // too, where nothing is read).
  SecretPolicy secret_policy;
  // profilec.toml's [declarations] profile_url, for { profile = } in
  // declarations (lower/profile_links.h); nullopt: not set.
  std::optional<std::string> profile_url = std::nullopt;
};

// A [target] (a policy's, or profilec.toml's for .mobileconfig files) as
// the IR holds it. Fields left out keep the IR's defaults.
ir::Target lower_target(const lang::TargetSection& source);

// Returns nullopt when the file has no usable [profile] (the parser has
// already said why). Other problems are reported and lowering goes on, so
// one run shows every finding.
std::optional<ir::Profile> lower_policy(const lang::PolicyFile& policy, const LowerInputs& inputs,
                                        Diagnostics& diagnostics);

}  // namespace profilec
