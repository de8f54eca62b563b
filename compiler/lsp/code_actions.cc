#include "lsp/code_actions.h"

#include "base/json_writer.h"
#include "lsp/uri.h"

namespace profilec::lsp {
namespace {

bool before(LspPosition a, LspPosition b) { return a.line < b.line || (a.line == b.line && a.character < b.character); }

}  // namespace

std::string code_actions_json(const std::vector<Diagnostic>& diagnostics, const TextDocument& document,
                              const LspRange& range, PositionEncoding encoding, const ToolInfo& tool,
                              const DocumentLookup& lookup) {
  JsonWriter json(false);
  json.begin_array();
  for (const Diagnostic& d : diagnostics) {
    if (d.fixes.empty()) continue;
    const LspRange where = range_of(d.span, document, encoding);
    if (before(where.end, range.start) || before(range.end, where.start)) continue;
    for (const DiagnosticFix& fix : d.fixes) {
      const TextDocument* target = fix.span.known() ? lookup(*fix.span.path) : nullptr;
      if (target == nullptr) continue;
      json.begin_object().member("title", fix.title).member("kind", "quickfix");
      json.key("diagnostics").begin_array();
      write_diagnostic(json, d, document, encoding, tool, lookup);
      json.end_array();
      json.key("edit").begin_object().key("changes").begin_object().key(uri_from_path(*fix.span.path));
      json.begin_array().begin_object();
      write_range(json, range_of(fix.span, *target, encoding));
      json.member("newText", fix.replacement).end_object().end_array();
      json.end_object().end_object();
      json.end_object();
    }
  }
  json.end_array();
  return json.str();
}

}  // namespace profilec::lsp
