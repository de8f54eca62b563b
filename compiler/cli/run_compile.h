// What `check` and `build` share: find the policies, compile them, print
// the findings.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/environment.h"
#include "base/file_system.h"
#include "cli/commands.h"
#include "project/compile.h"

namespace profilec::cli {

struct CompileRun {
  CompileResult result;
  int exit_code = 0;  // 0 clean, 1 findings, 2 I/O
};

CompileRun run_compile(const std::vector<std::string>& paths, SecretMode secrets, FileSystem& files,
                       const Environment& environment, const schema::SchemaSet& schemas,
                       const GlobalOptions& globals);

}  // namespace profilec::cli
