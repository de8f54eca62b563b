// The fixes the rules attach to their findings (DiagnosticFix), built in
// one place so every rule spells a rename the same way. A fix is only made
// where the replacement text is exactly known (docs/cli.md, "check --fix").
#pragma once

#include <optional>
#include <string_view>

#include "diag/diagnostic.h"

namespace profilec {

// Renames the TOML key whose token (quotes included, one segment of a
// dotted key) `key_token` covers to `to`. nullopt when `to` is not a bare
// key (letters, digits, '-', '_': it would need quoting), when the span is
// not in a file of the repository (a stdlib fragment is never edited) or
// is not known. The token may have been quoted: a bare key replaces it.
std::optional<DiagnosticFix> key_rename_fix(const SourceSpan& key_token, std::string_view from, std::string_view to);

// Replaces the TOML string whose token (quotes included) `string_token`
// covers with the basic string "`to`". nullopt as for key_rename_fix, and
// when `to` needs escapes (a quote, a backslash, a control character).
std::optional<DiagnosticFix> string_value_fix(const SourceSpan& string_token, std::string_view from,
                                              std::string_view to);

// Adds `fix` to `diagnostic` when there is one.
void attach(Diagnostic& diagnostic, std::optional<DiagnosticFix> fix);

}  // namespace profilec
