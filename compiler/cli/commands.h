// The subcommands. Each registers its options on the CLI11 app and returns
// the exit code when run.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string_view>
#include <vector>

#include "cli/report.h"

namespace profilec::cli {

struct GlobalOptions {
  ReportOptions report;
  std::vector<std::string> schema_dirs;  // --schema-dir, in order
  bool schema_replace_apple = false;     // --schema-replace-apple
  bool no_manifest_cache = false;        // --no-manifest-cache
};

struct Command {
  std::string_view name;
  std::string_view summary;
  // Adds the subcommand to `app`; the returned function runs it.
  std::function<std::function<int()>(CLI::App& app, const GlobalOptions& globals)> setup;
};

// The table of subcommands; drives --help and dispatch.
const std::vector<Command>& commands();

std::function<int()> setup_build(CLI::App& app, const GlobalOptions& globals);
std::function<int()> setup_check(CLI::App& app, const GlobalOptions& globals);
std::function<int()> setup_completion(CLI::App& app, const GlobalOptions& globals);
std::function<int()> setup_diff(CLI::App& app, const GlobalOptions& globals);
std::function<int()> setup_effective(CLI::App& app, const GlobalOptions& globals);
std::function<int()> setup_explain(CLI::App& app, const GlobalOptions& globals);
std::function<int()> setup_import(CLI::App& app, const GlobalOptions& globals);
std::function<int()> setup_init(CLI::App& app, const GlobalOptions& globals);
std::function<int()> setup_lsp(CLI::App& app, const GlobalOptions& globals);
std::function<int()> setup_report(CLI::App& app, const GlobalOptions& globals);
std::function<int()> setup_schema(CLI::App& app, const GlobalOptions& globals);
std::function<int()> setup_stdlib(CLI::App& app, const GlobalOptions& globals);
std::function<int()> setup_sign(CLI::App& app, const GlobalOptions& globals);
std::function<int()> setup_unsign(CLI::App& app, const GlobalOptions& globals);
std::function<int()> setup_verify(CLI::App& app, const GlobalOptions& globals);

}  // namespace profilec::cli
