// TOML text -> fragment AST (docs/language.md, "Fragments"). Reports the
// fragment's own problems (PC0xxx); what it uses is resolve_uses.h's job.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "diag/diagnostic.h"
#include "lang/ast.h"

namespace profilec::lang {

// nullopt on a TOML syntax error. `path` is used in spans as given.
std::optional<FragmentFile> parse_fragment(std::string_view text, const std::string& path, Diagnostics& diagnostics);

}  // namespace profilec::lang
