// Inline suppressions: comments in a policy that silence findings.
//
//   allowCamera = false  # profilec: allow PC1002, unknown-payload-type
//   # profilec: allow unknown-key -- Apple added it in 17.4
//   NewKey = true                  (the comment alone on its line covers the next line)
//   # profilec: allow-file PC2001  (anywhere: covers the whole file)
//
// Rules are named by code or by name, separated by commas or spaces; text
// after ` -- ` is a free-form reason. A comment alone on its line covers the
// next line that is not itself a comment, so several can be stacked. A
// finding is covered by the line its primary span starts on. Only real TOML
// comments count: a `#` inside a string is text.
#pragma once

#include <string>
#include <string_view>

#include "diag/diagnostic.h"
#include "diag/source_map.h"

namespace profilec {

// Whether errors may be suppressed. They may not when the file gave no
// profile to write (a syntax error, a missing [profile]...): hiding the error
// would make `build` succeed without writing the file.
enum class ErrorSuppression { kAllowed, kRefused };

// How the file writes comments: `# ...` (TOML policies) or `<!-- ... -->`
// (.mobileconfig files: `<!-- profilec: allow PC1002 -->`, with the same
// directives and the same rule for which line a comment covers).
enum class CommentSyntax { kToml, kXml };

// Applies the `# profilec:` comments of one file (`text` is the source of
// `path`) to the findings in `diagnostics` located in that file, removing the
// ones they cover. A comment that names an unknown rule or directive is
// reported (PC0012, itself open to suppression) and otherwise ignored.
// Call once per file: the comments are reported on every call.
void apply_suppressions(Diagnostics& diagnostics, const std::string& path, std::string_view text,
                        ErrorSuppression errors = ErrorSuppression::kAllowed,
                        CommentSyntax syntax = CommentSyntax::kToml);

// For findings that span several files (conflicts, collisions): removes each
// finding covered by the comments of the file it is located in. Reports
// nothing: the per-file pass above has done that. A file whose text starts
// with '<' is read with XML comments.
void apply_suppressions(Diagnostics& diagnostics, const SourceMap& sources);

}  // namespace profilec
