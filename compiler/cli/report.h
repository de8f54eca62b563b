// Printing diagnostics: the only place (with the commands) that writes to
// the terminal.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "base/file_system.h"
#include "diag/diagnostic.h"
#include "diag/source_map.h"
#include "diag/tool_info.h"

namespace profilec::cli {

enum class ColorChoice { kAuto, kAlways, kNever };

// --format: how findings are printed (docs/cli.md, "Output formats").
enum class OutputFormat { kHuman, kJson, kSarif, kGithub };

struct ReportOptions {
  ColorChoice color = ColorChoice::kAuto;
  bool quiet = false;  // no summary line (human format only)
  OutputFormat format = OutputFormat::kHuman;
};

// Colour when asked, or on a terminal when NO_COLOR is not set.
bool use_color(ColorChoice choice);

// human: on standard error, with a summary line. json, sarif, github: one
// document on standard output (empty of findings when there are none), so
// `check --format sarif > out.sarif` works.
void print_diagnostics(const Diagnostics& diagnostics, const SourceMap& sources, const ReportOptions& options);

// This build's version and home page, which the json and sarif reports and
// the language server name.
ToolInfo tool_info();
// Where a command's progress lines ("wrote ...") go: standard error when
// standard output carries a json or sarif document, else standard output.
std::FILE* progress_stream(const ReportOptions& options);
// A path as progress lines print it: one line whatever its bytes. A file
// name from a pull request may hold a newline, which would start a line of
// its own (a GitHub Actions workflow command, a forged "wrote" line): line
// ends and tabs are written as \n, \r, \t, other control characters and
// invalid UTF-8 as U+FFFD.
std::string printable_path(std::string_view path);
void print_io_error(const IoError& error);

}  // namespace profilec::cli
