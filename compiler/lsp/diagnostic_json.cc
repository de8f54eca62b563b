#include "lsp/diagnostic_json.h"

#include "lsp/uri.h"

namespace profilec::lsp {
namespace {

// DiagnosticSeverity: 1 error, 2 warning, 3 information, 4 hint.
std::int64_t lsp_severity(Severity severity) {
  switch (severity) {
    case Severity::kError: return 1;
    case Severity::kWarning: return 2;
    case Severity::kNote: return 3;
  }
  return 3;
}

}  // namespace

LspRange range_of(const SourceSpan& span, const TextDocument& document, PositionEncoding encoding) {
  if (!span.begin.known()) {
    const auto first_line_end = static_cast<std::int64_t>(document.line_text(0).size());
    return {{0, 0}, document.position_of(static_cast<std::size_t>(first_line_end), encoding)};
  }
  LspRange range;
  range.start = document.from_source(span.begin, encoding);
  if (span.end.known() &&
      (span.end.line > span.begin.line || (span.end.line == span.begin.line && span.end.column > span.begin.column))) {
    range.end = document.from_source(span.end, encoding);
  } else {
    // To the end of the line (a column of 0 is the whole line).
    if (span.begin.column == 0) range.start.character = 0;
    const std::string_view line = document.line_text(span.begin.line - 1);
    range.end = document.from_source({span.begin.line, static_cast<std::uint32_t>(line.size() + 1)}, encoding);
  }
  return range;
}

void write_range(JsonWriter& json, const LspRange& range) {
  json.key("range").begin_object();
  json.key("start").begin_object().member("line", range.start.line).member("character", range.start.character);
  json.end_object();
  json.key("end").begin_object().member("line", range.end.line).member("character", range.end.character);
  json.end_object();
  json.end_object();
}

void write_diagnostic(JsonWriter& json, const Diagnostic& diagnostic, const TextDocument& document,
                      PositionEncoding encoding, const ToolInfo& tool, const DocumentLookup& lookup) {
  const DiagnosticInfo& rule = info(diagnostic.code);
  json.begin_object();
  write_range(json, range_of(diagnostic.span, document, encoding));
  json.member("severity", lsp_severity(diagnostic.severity));
  json.member("code", rule.id);
  if (!tool.homepage.empty()) {
    json.key("codeDescription").begin_object().member("href", tool.rule_url(rule)).end_object();
  }
  json.member("source", "profilec");
  std::string message = diagnostic.message;
  if (!diagnostic.help.empty()) message += "\nhelp: " + diagnostic.help;
  json.member("message", message);
  if (!diagnostic.notes.empty()) {
    json.key("relatedInformation").begin_array();
    for (const DiagnosticNote& note : diagnostic.notes) {
      if (!note.span.known()) continue;
      const TextDocument* other = lookup ? lookup(*note.span.path) : nullptr;
      if (!other) continue;
      json.begin_object();
      json.key("location").begin_object().member("uri", uri_from_path(*note.span.path));
      write_range(json, range_of(note.span, *other, encoding));
      json.end_object();
      json.member("message", note.message);
      json.end_object();
    }
    json.end_array();
  }
  json.end_object();
}

}  // namespace profilec::lsp
