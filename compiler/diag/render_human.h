// Renders diagnostics the way compilers do:
//
//   policies/wifi.toml:4:8: error[PC0009]: datetime has no UTC offset
//       4 | expires = 2025-01-01T00:00:00
//         |           ^
//     help: add 'Z' for UTC or an offset such as '+02:00'
#pragma once

#include <string>

#include "diag/diagnostic.h"
#include "diag/source_map.h"

namespace profilec {

struct HumanRenderOptions {
  bool color = false;
};

std::string render_human(const Diagnostic& diagnostic, const SourceMap& sources,
                         const HumanRenderOptions& options = {});

// "2 errors, 1 warning" (empty when there is nothing to count).
std::string render_summary(const Diagnostics& diagnostics);

}  // namespace profilec
