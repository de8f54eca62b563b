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

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

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

// One rule named by an `allow` or `allow-file` comment that has silenced
// nothing so far: a candidate for PC0025 (unused-suppression).
struct UnusedSuppression {
  SourceSpan span;  // the rule as written in the comment
  DiagnosticCode code;
  std::string written;        // "PC1002" or "unknown-key"
  std::uint32_t covered = 0;  // the line it covers; 0: the whole file (allow-file)
};

// Applies the `# profilec:` comments of one file (`text` is the source of
// `path`) to the findings in `diagnostics` located in that file, removing the
// ones they cover. A comment that names an unknown rule or directive is
// reported (PC0012, itself open to suppression) and otherwise ignored.
// Call once per file: the comments are reported on every call.
//
// Returns the rules the comments name that silenced nothing, leaving out
// those whose findings this file alone cannot decide
// (`depends_on_the_run`), those of a comment that also names PC0025, and
// all of them in a file that allows PC0025 file-wide or whose errors may not
// be suppressed (its checks did not all run).
std::vector<UnusedSuppression> apply_suppressions(Diagnostics& diagnostics, const std::string& path,
                                                  std::string_view text,
                                                  ErrorSuppression errors = ErrorSuppression::kAllowed,
                                                  CommentSyntax syntax = CommentSyntax::kToml);

// For findings that span several files (conflicts, collisions): removes each
// finding covered by the comments of the file it is located in. Reports
// nothing: the per-file pass above has done that. A file whose text starts
// with '<' is read with XML comments. Entries of `unused` (when given) that
// cover a removed finding are dropped from it: they were used after all.
void apply_suppressions(Diagnostics& diagnostics, const SourceMap& sources,
                        std::vector<UnusedSuppression>* unused = nullptr);

// Whether a rule's findings in a file depend on more than that file's text:
// on the other files of the run (PC0011, PC3xxx, PC4xxx), on secrets only
// `build` reads (PC0006), on the clock or on certificates given on the
// command line (PC5001-PC5007), or, for a .mobileconfig (`syntax` kXml), on
// the target flags of `check` (PC2xxx). A suppression of such a rule is
// never reported as unused: it may be needed by another run.
bool depends_on_the_run(DiagnosticCode code, CommentSyntax syntax);

// One PC0025 finding per entry, at the rule as written in its comment.
void report_unused_suppressions(const std::vector<UnusedSuppression>& unused, Diagnostics& diagnostics);

}  // namespace profilec
