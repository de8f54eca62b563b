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
  // The command line as main() got it: a command that will hold a large
  // heap restarts with it (cli/huge_pages.h).
  char** argv = nullptr;
};

struct Command {
  std::string_view name;
  std::string_view summary;  // its line in `profilec --help`
  // Adds the command's options to `sub`, the subcommand the table made for
  // it; the returned function runs it. Called only for the command on the
  // command line (cli/app.cc), so a run sets up one command's options.
  std::function<std::function<int()>(CLI::App* sub, const GlobalOptions& globals)> setup;
  // Whether running it reads every command's options from the parser
  // (`completion`): then every command is set up first.
  bool needs_every_command = false;
};

// The table of subcommands; drives --help and dispatch.
const std::vector<Command>& commands();

std::function<int()> setup_build(CLI::App* sub, const GlobalOptions& globals);
std::function<int()> setup_check(CLI::App* sub, const GlobalOptions& globals);
std::function<int()> setup_completion(CLI::App* sub, const GlobalOptions& globals);
std::function<int()> setup_diff(CLI::App* sub, const GlobalOptions& globals);
std::function<int()> setup_effective(CLI::App* sub, const GlobalOptions& globals);
std::function<int()> setup_explain(CLI::App* sub, const GlobalOptions& globals);
std::function<int()> setup_import(CLI::App* sub, const GlobalOptions& globals);
std::function<int()> setup_init(CLI::App* sub, const GlobalOptions& globals);
std::function<int()> setup_lsp(CLI::App* sub, const GlobalOptions& globals);
std::function<int()> setup_report(CLI::App* sub, const GlobalOptions& globals);
std::function<int()> setup_schema(CLI::App* sub, const GlobalOptions& globals);
std::function<int()> setup_stdlib(CLI::App* sub, const GlobalOptions& globals);
std::function<int()> setup_sign(CLI::App* sub, const GlobalOptions& globals);
std::function<int()> setup_unsign(CLI::App* sub, const GlobalOptions& globals);
std::function<int()> setup_verify(CLI::App* sub, const GlobalOptions& globals);

}  // namespace profilec::cli
