#include "diag/render_github.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <vector>

#include "base/utf8.h"

namespace profilec {
namespace {

std::string_view command(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kNote: return "notice";
  }
  return "error";
}

std::string location(const SourceSpan& span) {
  if (!span.known()) return "";
  if (!span.begin.known()) return *span.path;
  if (!span.begin.column) return fmt::format("{}:{}", *span.path, span.begin.line);
  return fmt::format("{}:{}:{}", *span.path, span.begin.line, span.begin.column);
}

std::string properties(const Diagnostic& d) {
  std::vector<std::string> out;
  const SourceSpan& span = d.span;
  if (span.known()) {
    out.push_back("file=" + github_escape_property(*span.path));
    if (span.begin.known()) {
      out.push_back(fmt::format("line={}", span.begin.line));
      const bool one_line = span.end.line == 0 || span.end.line == span.begin.line;
      if (one_line && span.begin.column) {
        out.push_back(fmt::format("col={}", span.begin.column));
        out.push_back(fmt::format("endLine={}", span.begin.line));
        // Ours is exclusive, GitHub's inclusive.
        if (span.end.column > span.begin.column) out.push_back(fmt::format("endColumn={}", span.end.column - 1));
      } else if (span.end.line > span.begin.line) {
        out.push_back(fmt::format("endLine={}", span.end.line));
      }
    }
  }
  const DiagnosticInfo& rule = info(d.code);
  out.push_back("title=" + github_escape_property(fmt::format("{} {}", rule.id, rule.name)));
  return fmt::format("{}", fmt::join(out, ","));
}

std::string message(const Diagnostic& d) {
  std::string text = d.message;
  for (const DiagnosticNote& note : d.notes) {
    const std::string where = location(note.span);
    text += fmt::format("\nnote: {}{}{}", where, where.empty() ? "" : ": ", note.message);
  }
  if (!d.help.empty()) text += "\nhelp: " + d.help;
  return github_escape_data(text);
}

}  // namespace

std::string github_escape_data(std::string_view text) {
  // Text from a hostile file must neither start a command of its own (line
  // breaks are encoded) nor drive the log viewer (control characters go).
  const std::string clean = valid_utf8(text, ControlCharacters::kReplaceExceptWhitespace);
  std::string out;
  out.reserve(clean.size());
  for (const char c : clean) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

std::string github_escape_property(std::string_view text) {
  std::string out;
  for (const char c : github_escape_data(text)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

std::string render_github(const Diagnostics& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics.all()) {
    out += fmt::format("::{} {}::{}\n", command(d.severity), properties(d), message(d));
  }
  return out;
}

}  // namespace profilec
