// One TOML value -> one plist value.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "ir/declaration.h"
#include "ir/value.h"
#include "lang/ast.h"
#include "lower/lower_policy.h"
#include "lower/payload_references.h"

namespace profilec {

class DeclarationNames;

// What { payload = "NAME" } references resolve against: the policy's
// payloads, and the one holding the value (empty in [profile]); inside a
// declaration, { declaration = "NAME" } resolves against the policy's
// declarations (elsewhere it is reported) and is recorded in `found`.
class ProfileLinks;

struct ReferenceScope {
  const PayloadReferences& payloads;
  std::string_view from_payload;
  const DeclarationNames* declarations = nullptr;
  std::string_view from_declaration = {};
  std::vector<ir::DeclarationReference>* found = nullptr;
  // { profile = "NAME" }: resolved in a declaration only (lower/profile_links.h).
  const ProfileLinks* profiles = nullptr;
};

// `base_dir` is where { file = } paths are relative to (the policy's folder).
// Returns nullopt (after reporting) for a value that cannot be lowered.
std::optional<ir::Value> lower_value(const lang::Value& value, const std::string& base_dir, const LowerInputs& inputs,
                                     const ReferenceScope& scope, Diagnostics& diagnostics);

// A TOML date-time with an offset -> UTC plist date; nullopt (reported) otherwise.
std::optional<ir::Date> lower_datetime(const lang::Value& value, Diagnostics& diagnostics);

}  // namespace profilec
