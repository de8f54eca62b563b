// textDocument/codeAction: each DiagnosticFix (diag/diagnostic.h) of the
// findings whose range meets the requested one, as a "quickfix" CodeAction
// with its WorkspaceEdit. The same edits `check --fix` applies.
#pragma once

#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "diag/tool_info.h"
#include "lsp/diagnostic_json.h"
#include "lsp/text_document.h"

namespace profilec::lsp {

// The JSON array of CodeActions. A fix in a file that is not open (`lookup`
// has no text for it) is left out: check --fix applies it.
std::string code_actions_json(const std::vector<Diagnostic>& diagnostics, const TextDocument& document,
                              const LspRange& range, PositionEncoding encoding, const ToolInfo& tool,
                              const DocumentLookup& lookup);

}  // namespace profilec::lsp
