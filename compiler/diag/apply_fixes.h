// Applies the fixes of one file's findings to its text (`check --fix`,
// `--diff`): pure text editing, the caller reads and writes the file.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"

namespace profilec {

struct SkippedFix {
  DiagnosticFix fix;
  std::string reason;  // "overlaps 'rename ...', applied instead"
};

struct FixedText {
  std::string text;
  std::size_t applied = 0;
  std::vector<SkippedFix> skipped;
};

// `fixes` (all of one file, in the order their findings were reported)
// applied to `text`. A span is 1-based line and column in UTF-8 code points,
// the end exclusive, as toml++ reports a token. The same edit reported twice
// (a fragment used by two payloads) is made once; of two fixes whose spans
// overlap the first is applied and the other skipped; a span that is not in
// `text` is skipped.
FixedText apply_fixes(std::string_view text, const std::vector<DiagnosticFix>& fixes);

}  // namespace profilec
