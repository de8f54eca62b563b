// `--format json`: every finding as one JSON document, for scripts. The
// shape is stable (docs/cli.md, "JSON output"); fields are only ever added.
//
//   {"version": 1,
//    "diagnostics": [{"code": "PC0004", "name": "invalid-field", "severity": "error",
//                     "message": "...", "path": "policies/a.toml", "line": 2, "column": 6,
//                     "end_line": 2, "end_column": 8, "help": "quote it" | null,
//                     "notes": [{"path", "line", "column", "message"}], "doc": "https://..."}],
//    "summary": {"errors": 1, "warnings": 0, "notes": 0}}
//
// Unknown positions are null (a column is unknown when the finding is about
// a whole line); paths are the ones the pipeline was given.
#pragma once

#include <string>

#include "diag/diagnostic.h"
#include "diag/tool_info.h"

namespace profilec {

std::string render_json(const Diagnostics& diagnostics, const ToolInfo& tool);

}  // namespace profilec
