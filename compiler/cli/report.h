// Printing diagnostics: the only place (with the commands) that writes to
// the terminal.
#pragma once

#include <string>
#include <vector>

#include "base/file_system.h"
#include "diag/diagnostic.h"
#include "diag/source_map.h"

namespace profilec::cli {

enum class ColorChoice { kAuto, kAlways, kNever };

struct ReportOptions {
  ColorChoice color = ColorChoice::kAuto;
  bool quiet = false;  // no summary line
};

// Colour when asked, or on a terminal when NO_COLOR is not set.
bool use_color(ColorChoice choice);

void print_diagnostics(const Diagnostics& diagnostics, const SourceMap& sources, const ReportOptions& options);
void print_io_error(const IoError& error);

}  // namespace profilec::cli
