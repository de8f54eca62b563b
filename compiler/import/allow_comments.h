// `# profilec: allow` comments for the findings an imported policy has at
// error level, so that a faithful import still builds: what the
// .mobileconfig already did wrong stays visible in the source, line by
// line, instead of being fixed silently or blocking the build.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"

namespace profilec::import {

// The reason every comment gives after ` -- `.
inline constexpr std::string_view kImportedAsFound = "imported as found";

// `text` with a comment line `# profilec: allow CODE, ... -- imported as
// found` before each line that findings start on (indented like that line),
// and one `# profilec: allow-file ...` line before [profile] for findings
// without a line. `findings` are those located in this file.
std::string add_allow_comments(std::string_view text, const std::vector<Diagnostic>& findings);

}  // namespace profilec::import
