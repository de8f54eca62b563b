#include "diag/render_sarif.h"

#include <fmt/format.h>

#include <vector>

#include "base/json_writer.h"
#include "base/stdlib_path.h"
#include "diag/rule_pages.h"

namespace profilec {
namespace {

constexpr std::string_view kSchema = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr std::string_view kSourceRoot = "%SRCROOT%";
// The base of stdlib locations: the fragments built into profilec are no
// file of the repository, so their URIs are relative to the stdlib folder
// on profilec's home page (run.originalUriBaseIds), not to %SRCROOT%.
constexpr std::string_view kStdlibRoot = "PROFILEC_STDLIB";

std::string_view level(Severity severity) { return severity_name(severity); }  // the same three words

bool is_unreserved(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

void physical_location(JsonWriter& json, const SourceSpan& span) {
  const std::string& path = *span.path;
  json.key("physicalLocation").begin_object();
  json.key("artifactLocation").begin_object();
  if (is_stdlib_path(path)) {
    json.member("uri", path_to_uri(std::string_view(path).substr(kStdlibPathPrefix.size())));
    json.member("uriBaseId", kStdlibRoot);
  } else {
    json.member("uri", path_to_uri(path));
    if (path.empty() || path.front() != '/') json.member("uriBaseId", kSourceRoot);
  }
  json.end_object();
  if (span.begin.known()) {
    json.key("region").begin_object();
    json.member("startLine", static_cast<std::int64_t>(span.begin.line));
    if (span.begin.column) json.member("startColumn", static_cast<std::int64_t>(span.begin.column));
    // Only an end after the start (SARIF's endColumn is exclusive, as ours is).
    const bool end_known = span.end.line > span.begin.line || (span.end.line == span.begin.line && span.begin.column &&
                                                               span.end.column > span.begin.column);
    if (end_known) {
      json.member("endLine", static_cast<std::int64_t>(span.end.line));
      if (span.end.column && span.begin.column) json.member("endColumn", static_cast<std::int64_t>(span.end.column));
    }
    json.end_object();
  }
  json.end_object();
}

void rules(JsonWriter& json, const Diagnostics& diagnostics, const ToolInfo& tool) {
  std::vector<bool> used(all_diagnostics().size());
  for (const Diagnostic& d : diagnostics.all()) used[static_cast<std::size_t>(d.code)] = true;
  json.key("rules").begin_array();
  for (const DiagnosticInfo& rule : all_diagnostics()) {
    json.begin_object();
    json.member("id", rule.id);
    json.member("name", rule.name);
    json.key("shortDescription").begin_object().member("text", rule.summary).end_object();
    json.member("helpUri", tool.rule_url(rule));
    if (used[static_cast<std::size_t>(rule.code)]) {
      if (const auto page = rule_page(rule)) {
        json.key("help").begin_object().member("text", *page).member("markdown", *page).end_object();
      }
    }
    json.key("defaultConfiguration").begin_object().member("level", level(rule.default_severity)).end_object();
    json.end_object();
  }
  json.end_array();
}

void result(JsonWriter& json, const Diagnostic& d) {
  const DiagnosticInfo& rule = info(d.code);
  json.begin_object();
  json.member("ruleId", rule.id);
  json.member("ruleIndex", static_cast<std::int64_t>(d.code));
  json.member("level", level(d.severity));
  const std::string text = d.help.empty() ? d.message : fmt::format("{}\nhelp: {}", d.message, d.help);
  json.key("message").begin_object().member("text", text).end_object();
  json.key("locations").begin_array();
  if (d.span.known()) {
    json.begin_object();
    physical_location(json, d.span);
    json.end_object();
  }
  json.end_array();
  if (!d.notes.empty()) {
    json.key("relatedLocations").begin_array();
    std::int64_t id = 0;
    for (const DiagnosticNote& note : d.notes) {
      json.begin_object();
      json.member("id", id++);
      if (note.span.known()) physical_location(json, note.span);
      json.key("message").begin_object().member("text", note.message).end_object();
      json.end_object();
    }
    json.end_array();
  }
  json.end_object();
}

bool mentions_stdlib(const Diagnostics& diagnostics) {
  const auto in_stdlib = [](const SourceSpan& span) { return span.known() && is_stdlib_path(*span.path); };
  for (const Diagnostic& d : diagnostics.all()) {
    if (in_stdlib(d.span)) return true;
    for (const DiagnosticNote& note : d.notes) {
      if (in_stdlib(note.span)) return true;
    }
  }
  return false;
}

}  // namespace

std::string path_to_uri(std::string_view path) {
  std::string out;
  const bool absolute = !path.empty() && path.front() == '/';
  if (absolute) out = "file://";
  while (path.starts_with("./")) {
    path.remove_prefix(2);
    while (path.starts_with("/")) path.remove_prefix(1);
  }
  for (const char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    // '/' separates segments; everything else that is not unreserved is
    // encoded, so no ':' can pass for a scheme and no '#', '?' or '%' can
    // change what the URI means.
    if (is_unreserved(c) || c == '/') out += ch;
    else out += fmt::format("%{:02X}", c);
  }
  return out;
}

std::string render_sarif(const Diagnostics& diagnostics, const ToolInfo& tool) {
  JsonWriter json;
  json.begin_object();
  json.member("$schema", kSchema);
  json.member("version", "2.1.0");
  json.key("runs").begin_array().begin_object();
  json.key("tool").begin_object().key("driver").begin_object();
  json.member("name", "profilec");
  json.member("version", tool.version);
  json.member("informationUri", tool.homepage);
  rules(json, diagnostics, tool);
  json.end_object().end_object();
  if (mentions_stdlib(diagnostics)) {
    json.key("originalUriBaseIds").begin_object().key(kStdlibRoot).begin_object();
    json.member("uri", tool.stdlib_url());
    json.key("description")
        .begin_object()
        .member("text", "the stdlib fragments built into profilec (use = [\"stdlib:NAME\"])")
        .end_object();
    json.end_object().end_object();
  }
  json.member("columnKind", "unicodeCodePoints");
  json.key("results").begin_array();
  for (const Diagnostic& d : diagnostics.all()) result(json, d);
  json.end_array();
  json.end_object().end_array();
  json.end_object();
  return json.str();
}

}  // namespace profilec
