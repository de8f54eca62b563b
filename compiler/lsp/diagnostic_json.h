// A compiler diagnostic as an LSP Diagnostic: the same code, message and
// severity `check` prints, the help line after the message, notes as
// relatedInformation, the rule page as codeDescription.href.
#pragma once

#include <functional>
#include <string>

#include "base/json_writer.h"
#include "diag/diagnostic.h"
#include "diag/tool_info.h"
#include "lsp/text_document.h"

namespace profilec::lsp {

// The text of a file a note points into (an open document, else the file
// as read), for its positions; nullptr when it cannot be had.
using DocumentLookup = std::function<const TextDocument*(const std::string& path)>;

// The range of a compiler span in `document`: a span without an end covers
// the rest of its line; a whole-file span the first line.
LspRange range_of(const SourceSpan& span, const TextDocument& document, PositionEncoding encoding);

void write_range(JsonWriter& json, const LspRange& range);

void write_diagnostic(JsonWriter& json, const Diagnostic& diagnostic, const TextDocument& document,
                      PositionEncoding encoding, const ToolInfo& tool, const DocumentLookup& lookup);

}  // namespace profilec::lsp
