// `check --fix` and `check --diff`: the fixes a run's findings carry
// (Diagnostic::fixes, made by the rules), applied to the text each file had
// when it was checked. Only policy TOML, fragments and profilec.toml are
// edited: never a .mobileconfig, never the stdlib.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/file_system.h"
#include "diag/apply_fixes.h"
#include "diag/diagnostic.h"
#include "diag/source_map.h"

namespace profilec::cli {

struct FileFixes {
  std::string path;
  std::string before;  // as checked
  std::string after;
  std::size_t applied = 0;
  std::vector<SkippedFix> skipped;
};

// The files that fixes change, in path order (files whose fixes were all
// skipped too, for their skipped list).
std::vector<FileFixes> plan_fixes(const Diagnostics& diagnostics, const SourceMap& sources);

// Writes every changed file, all or none: each must still hold what was
// checked ("changed since it was checked" otherwise) and be writable; then
// all are written atomically (base/file_system.h). The error names the
// file; nothing has been written when there is one.
std::optional<IoError> write_fixes(FileSystem& files, const std::vector<FileFixes>& plan);

}  // namespace profilec::cli
