// TOML text -> policy AST. Reports source-level findings (PC0xxx) and never
// throws; on a TOML syntax error the result is empty.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"
#include "lang/ast.h"

namespace profilec::lang {

struct ParseOptions {
  // For files found by walking a folder: a TOML document with none of the
  // language's tables ([profile], [target], [payload.*]) is not a policy
  // (pyproject.toml, a tool's config) and is passed over without findings.
  bool skip_non_policy = false;
};

enum class ParseStatus {
  kParsed,
  kSyntaxError,
  kNotAPolicy,  // only with skip_non_policy
  kFragment,    // a fragment file (it has a [fragment] table): never a policy
};

struct ParseResult {
  ParseStatus status = ParseStatus::kParsed;
  PolicyFile policy;  // meaningful when status is kParsed
};

// Parses one policy file. `path` is used in spans as given.
ParseResult parse_policy(std::string_view text, const std::string& path, Diagnostics& diagnostics,
                         const ParseOptions& options = {});

// The platform names [target].platforms accepts, in Apple's spelling.
const std::vector<std::string>& platform_names();

// What [profile].omit may name: the generated envelope keys, the
// organization profilec.toml may give, and PayloadContent.
const std::vector<std::string>& profile_omittable();

}  // namespace profilec::lang
