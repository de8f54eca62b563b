// Runs the whole pipeline in memory, for tests.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/environment.h"
#include "base/file_system.h"
#include "project/compile.h"

namespace profilec::testing {

// The clock of the pipeline runs below: 2026-01-01T00:00:00Z.
inline constexpr std::int64_t kTestNow = 1767225600;

struct PipelineRun {
  CompileResult result;
  SourceMap sources;

  std::vector<std::string> codes() const;  // "PC0001", in report order
  bool has_code(std::string_view id) const;
  const Diagnostic* first(std::string_view id) const;  // the first finding with that code, or nullptr
  std::string rendered() const;                        // every diagnostic, as the CLI prints it (no colour)
};

// Compiles the policy `text` stored as "policies/test.toml". Extra files are
// stored beside it; those at policies/*.toml are compiled as policies too,
// after it (the analysis across profiles needs more than one).
PipelineRun compile_policy_text(const std::string& text, SecretMode secrets = SecretMode::kPlaceholder,
                                std::map<std::string, std::string> environment = {},
                                std::map<std::string, std::string> extra_files = {});

// Compiles the files or folders `paths` (as named on the command line).
PipelineRun compile_paths(const MemoryFileSystem& files, const std::vector<std::string>& paths,
                          SecretMode secrets = SecretMode::kPlaceholder,
                          std::map<std::string, std::string> environment = {});

// Compiles every policy below `dir` in `files`.
PipelineRun compile_tree(const MemoryFileSystem& files, const std::string& dir,
                         SecretMode secrets = SecretMode::kPlaceholder,
                         std::map<std::string, std::string> environment = {});

}  // namespace profilec::testing
