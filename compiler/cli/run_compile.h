// What `check`, `build` and `effective` share: find the policies, compile
// them, print the findings.
#pragma once

#include <string>
#include <vector>

#include "cli/commands.h"
#include "project/compile.h"

namespace profilec::cli {

struct CompileRun {
  CompileResult result;
  int exit_code = 0;  // 0 clean, 1 findings (at or above the fail-on level), 2 I/O
  SourceMap sources;  // the text of every file the run read, as it read it
};

enum class PrintFindings { kYes, kNo };

// Discovers the files under `paths` (skipping inputs.exclude), compiles
// them with `inputs` and prints the findings. inputs.projects: the
// command's project files, whose [signing] it may already have read
// (nullptr: the run loads its own).
// PrintFindings::kNo: the I/O errors are printed, the findings are not
// (`check --diff`, and `check --fix` before it fixes).
CompileRun run_compile(const std::vector<std::string>& paths, const CompileInputs& inputs, const GlobalOptions& globals,
                       PrintFindings print = PrintFindings::kYes);

}  // namespace profilec::cli
