#include "cli/report.h"

#include "base/utf8.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "diag/render_github.h"
#include "diag/render_human.h"
#include "diag/render_json.h"
#include "diag/render_sarif.h"

#ifndef PROFILEC_VERSION
#define PROFILEC_VERSION "0.0.0"
#endif
#ifndef PROFILEC_HOMEPAGE
#define PROFILEC_HOMEPAGE "https://github.com/profilec/profilec"
#endif

namespace profilec::cli {

bool use_color(ColorChoice choice) {
  switch (choice) {
    case ColorChoice::kAlways: return true;
    case ColorChoice::kNever: return false;
    case ColorChoice::kAuto: {
      const char* no_color = std::getenv("NO_COLOR");
      if (no_color && *no_color) return false;
      return ::isatty(STDERR_FILENO) == 1;
    }
  }
  return false;
}

ToolInfo tool_info() { return ToolInfo{PROFILEC_VERSION, PROFILEC_HOMEPAGE}; }

void print_diagnostics(const Diagnostics& diagnostics, const SourceMap& sources, const ReportOptions& options) {
  const ToolInfo tool = tool_info();
  switch (options.format) {
    case OutputFormat::kJson: fmt::print("{}", render_json(diagnostics, tool)); return;
    case OutputFormat::kSarif: fmt::print("{}", render_sarif(diagnostics, tool)); return;
    case OutputFormat::kGithub: fmt::print("{}", render_github(diagnostics)); return;
    case OutputFormat::kHuman: break;
  }
  const HumanRenderOptions render{use_color(options.color)};
  for (const Diagnostic& diagnostic : diagnostics.all()) {
    fmt::print(stderr, "{}", render_human(diagnostic, sources, render));
  }
  if (!options.quiet) {
    const std::string summary = render_summary(diagnostics);
    if (!summary.empty()) fmt::print(stderr, "{}\n", summary);
  }
}

std::FILE* progress_stream(const ReportOptions& options) {
  const bool document = options.format == OutputFormat::kJson || options.format == OutputFormat::kSarif;
  return document ? stderr : stdout;
}

std::string printable_path(std::string_view path) {
  std::string out;
  for (const char c : valid_utf8(path, ControlCharacters::kReplaceExceptWhitespace)) {
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  return out;
}

void print_io_error(const IoError& error) {
  fmt::print(stderr, "profilec: error: cannot read '{}': {}\n", error.path, error.message);
}

}  // namespace profilec::cli
