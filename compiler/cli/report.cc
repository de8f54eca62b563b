#include "cli/report.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "diag/render_human.h"

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

void print_diagnostics(const Diagnostics& diagnostics, const SourceMap& sources, const ReportOptions& options) {
  const HumanRenderOptions render{use_color(options.color)};
  for (const Diagnostic& diagnostic : diagnostics.all()) {
    fmt::print(stderr, "{}", render_human(diagnostic, sources, render));
  }
  if (!options.quiet) {
    const std::string summary = render_summary(diagnostics);
    if (!summary.empty()) fmt::print(stderr, "{}\n", summary);
  }
}

void print_io_error(const IoError& error) {
  fmt::print(stderr, "profilec: error: cannot read '{}': {}\n", error.path, error.message);
}

}  // namespace profilec::cli
