#include "diag/render_json.h"

#include "base/json_writer.h"

namespace profilec {
namespace {

void number_or_null(JsonWriter& json, std::string_view key, std::uint32_t value) {
  json.key(key);
  if (value == 0) json.null();
  else json.value(static_cast<std::int64_t>(value));
}

void path_or_null(JsonWriter& json, const SourceSpan& span) {
  json.key("path");
  if (span.known()) json.value(*span.path);
  else json.null();
}

}  // namespace

std::string render_json(const Diagnostics& diagnostics, const ToolInfo& tool) {
  JsonWriter json;
  json.begin_object();
  json.member("version", std::int64_t{1});
  json.key("diagnostics").begin_array();
  for (const Diagnostic& d : diagnostics.all()) {
    const DiagnosticInfo& rule = info(d.code);
    json.begin_object();
    json.member("code", rule.id);
    json.member("name", rule.name);
    json.member("severity", severity_name(d.severity));
    json.member("message", d.message);
    path_or_null(json, d.span);
    number_or_null(json, "line", d.span.begin.line);
    number_or_null(json, "column", d.span.begin.line ? d.span.begin.column : 0);
    number_or_null(json, "end_line", d.span.end.line);
    number_or_null(json, "end_column", d.span.end.line ? d.span.end.column : 0);
    json.key("help");
    if (d.help.empty()) json.null();
    else json.value(d.help);
    json.key("notes").begin_array();
    for (const DiagnosticNote& note : d.notes) {
      json.begin_object();
      path_or_null(json, note.span);
      number_or_null(json, "line", note.span.begin.line);
      number_or_null(json, "column", note.span.begin.line ? note.span.begin.column : 0);
      json.member("message", note.message);
      json.end_object();
    }
    json.end_array();
    json.member("doc", tool.rule_url(rule));
    json.end_object();
  }
  json.end_array();
  json.key("summary").begin_object();
  json.member("errors", static_cast<std::int64_t>(diagnostics.count(Severity::kError)));
  json.member("warnings", static_cast<std::int64_t>(diagnostics.count(Severity::kWarning)));
  json.member("notes", static_cast<std::int64_t>(diagnostics.count(Severity::kNote)));
  json.end_object();
  json.end_object();
  return json.str();
}

}  // namespace profilec
