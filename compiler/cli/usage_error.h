// What a command line CLI11 could not parse says: profilec's own error style
// ("profilec: error: ..." and "  help: ..." lines, docs/cli.md#usage-errors)
// instead of CLI11's raw text, with a did-you-mean for a mistyped option
// (among the options of the command, global ones included), command or
// value, and the command's --help.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace profilec::cli {

// The message for `error`, thrown while `app` (the top-level app) parsed:
// one "profilec: error: " line and its "  help: " lines, each ending in a
// line break. Every CLI11 ParseError kind gets one; --help and --version
// (CLI::Success) are not errors and get none.
std::string usage_error_message(const CLI::App& app, const CLI::ParseError& error);

// Handles a failed parse: --help and --version print to standard output and
// give kExitClean; anything else prints usage_error_message to standard error
// and gives kExitUsage.
int report_parse_error(const CLI::App& app, const CLI::ParseError& error);

}  // namespace profilec::cli
