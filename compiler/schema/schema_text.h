// Schema facts as text, for the people reading them: the platform-by-fact
// matrix, a key's constraints and presence. `profilec schema show`
// (cli/schema_view.cc) and the language server's hover (lsp/hover.cc) show
// the same words.
#pragma once

#include <array>
#include <optional>
#include <string>

#include "schema/schema.h"

namespace profilec::schema {

using FactsByPlatform = std::array<std::optional<PlatformFacts>, kPlatformCount>;

// One row per fact of schema/platform_facts.def (in the order of their
// `row`), one column per platform; a fact not stated is "-", a platform
// without the key "n/a". Each line starts with two spaces.
std::string matrix(const FactsByPlatform& facts);
// The payload type's facts on each platform (payload_facts).
FactsByPlatform payload_matrix(const PayloadSchema& schema);
// "default 5; one of 1, 5, 10; range 0..60; ..."; empty when none.
std::string constraints(const Key& key);
// "required", "optional" or "" (not stated).
std::string presence(const Key& key);

}  // namespace profilec::schema
