// `--format sarif`: SARIF 2.1.0 (OASIS), for code scanning (GitHub, Azure
// DevOps, IDE viewers). One run; the driver lists every registered rule, so
// `ruleIndex` is the rule's place in the registry. Locations are relative
// URIs against %SRCROOT% (the directory profilec ran in) when the path was
// relative, `file://` URIs when it was absolute; columns count Unicode code
// points (`columnKind`). A rule that has results carries its whole page as
// `help`. Notes become `relatedLocations`. The output validates against the
// published SARIF 2.1.0 JSON schema (tests/cli/test_cli.py).
#pragma once

#include <string>

#include "diag/diagnostic.h"
#include "diag/tool_info.h"

namespace profilec {

std::string render_sarif(const Diagnostics& diagnostics, const ToolInfo& tool);

// A file path as a URI reference: percent-encoded, forward slashes, a
// leading "./" dropped; absolute paths become file:// URIs.
std::string path_to_uri(std::string_view path);

}  // namespace profilec
