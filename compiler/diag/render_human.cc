#include "diag/render_human.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "base/utf8.h"

namespace profilec {
namespace {

struct Style {
  bool on;
  std::string_view operator()(std::string_view code) const { return on ? code : std::string_view{}; }
};
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kRed = "\x1b[1;31m";
constexpr std::string_view kYellow = "\x1b[1;33m";
constexpr std::string_view kCyan = "\x1b[1;36m";
constexpr std::string_view kBlue = "\x1b[1;34m";
constexpr std::string_view kReset = "\x1b[0m";

std::string_view severity_color(Severity severity) {
  switch (severity) {
    case Severity::kError: return kRed;
    case Severity::kWarning: return kYellow;
    case Severity::kNote: return kCyan;
  }
  return kBold;
}

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// What reaches the terminal is text the admin can read and nothing a
// terminal would act on: invalid UTF-8 and control characters (ESC above
// all) become U+FFFD, one per code point, so carets still line up.
//
// The bytes at `text[i]` that printable() shows as one code point: how many
// (at least 1), and whether they are shown as U+FFFD.
struct Step {
  std::size_t length;
  bool replaced;
};
Step step_at(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) return {1, !(c == '\t' || (c >= 0x20 && c != 0x7F))};
  const std::size_t length = utf8_sequence_length(text.substr(i));
  if (length == 0) return {1, true};
  if (length == 2 && c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
    return {2, true};  // a C1 control character: one code point, one replacement
  }
  return {length, false};
}

std::string printable(std::string_view text) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const Step step = step_at(text, i);
    if (step.replaced) out += kReplacement;
    else out.append(text.substr(i, step.length));
    i += step.length;
  }
  return out;
}

// The byte offsets in a source line of every kMarkStride-th code point as
// printable() counts them: [k] is where code point k * kMarkStride + 1
// starts. Made once per long line (SourceMap::line_index), so finding a
// column costs at most kMarkStride steps however long the line: many
// findings in a 1 MB line were quadratic when each walked the line (issue 15).
constexpr std::uint32_t kMarkStride = 64;
std::vector<std::size_t> code_point_marks(std::string_view line) {
  std::vector<std::size_t> marks;
  std::uint32_t count = 0;
  for (std::size_t i = 0; i < line.size(); i += step_at(line, i).length) {
    if (count++ % kMarkStride == 0) marks.push_back(i);
  }
  return marks;
}

// The byte offset in `line` of the code point at 1-based `wanted`; the
// line's size when the line is shorter.
std::size_t offset_of(std::string_view line, const std::vector<std::size_t>& marks, std::uint32_t wanted) {
  const std::size_t mark = (wanted - 1) / kMarkStride;
  if (mark >= marks.size()) return line.size();
  std::size_t i = marks[mark];
  for (std::uint32_t column = static_cast<std::uint32_t>(mark * kMarkStride) + 1; column < wanted; ++column) {
    if (i >= line.size()) return line.size();
    i += step_at(line, i).length;
  }
  return std::min(i, line.size());
}

std::string location(const SourceSpan& span) {
  if (!span.known()) return "profilec";
  std::string path = printable(*span.path);
  if (!span.begin.known()) return path;
  if (span.begin.column == 0) return fmt::format("{}:{}", path, span.begin.line);
  return fmt::format("{}:{}:{}", path, span.begin.line, span.begin.column);
}

// The source line and a caret under the column (counted in code points, as
// toml++ counts them). Tabs in the prefix are kept so the caret lines up.
constexpr std::uint32_t kSnippetColumns = 160;
constexpr std::uint32_t kSnippetContext = 40;  // code points shown before the column when the line is cut

void append_snippet(std::string& out, const SourceSpan& span, const SourceMap& sources, Style style) {
  if (!span.known() || !span.begin.known()) return;
  const auto raw = sources.line(*span.path, span.begin.line);
  if (!raw) return;
  // A very long line (a minified plist, a file of NUL bytes) is shown as a
  // window of kSnippetColumns code points around the column, cut with "…".
  // Only the window is made printable; a long line's code point marks are
  // made once and kept in the source map.
  constexpr std::size_t kIndexedLineBytes = 4096;
  std::vector<std::size_t> short_marks;
  const std::vector<std::size_t>* marks = &short_marks;
  if (raw->size() > kIndexedLineBytes) {
    marks = sources.line_index(*span.path, span.begin.line, code_point_marks);
  } else {
    short_marks = code_point_marks(*raw);
  }
  std::uint32_t first = span.begin.column > kSnippetColumns - kSnippetContext ? span.begin.column - kSnippetContext : 1;
  std::size_t from = offset_of(*raw, *marks, first);
  if (from == raw->size()) {  // a column past the end of the line: show its start
    first = 1;
    from = 0;
  }
  const std::size_t to = offset_of(*raw, *marks, first + kSnippetColumns);
  const std::string shown = printable(raw->substr(from, to - from));
  const std::string text = (from > 0 ? "…" : "") + shown + (to < raw->size() ? "…" : "");
  const std::string number = std::to_string(span.begin.line);
  const std::string gutter(number.size(), ' ');
  out += fmt::format("{}{} |{} {}\n", style(kBlue), number, style(kReset), text);
  if (span.begin.column == 0) return;
  std::string pad = from > 0 ? " " : "";
  std::uint32_t column = first;
  for (const char c : shown) {
    if (column >= span.begin.column) break;
    if (is_continuation_byte(c)) continue;
    pad += c == '\t' ? '\t' : ' ';
    ++column;
  }
  std::size_t width = 1;
  if (span.end.line == span.begin.line && span.end.column > span.begin.column) {
    width = span.end.column - span.begin.column;
  }
  if (const std::uint32_t last = first + kSnippetColumns; span.begin.column < last) {
    width = std::min<std::size_t>(width, last - span.begin.column);
  }
  out += fmt::format("{}{} |{} {}{}{}{}\n", style(kBlue), gutter, style(kReset), pad, style(kBold),
                     std::string(width, '^'), style(kReset));
}

}  // namespace

std::string render_human(const Diagnostic& diagnostic, const SourceMap& sources, const HumanRenderOptions& options) {
  const Style style{options.color};
  const DiagnosticInfo& meta = info(diagnostic.code);
  std::string out = fmt::format("{}{}:{} {}{}[{}]{}: {}{}{}\n", style(kBold), location(diagnostic.span), style(kReset),
                                style(severity_color(diagnostic.severity)), severity_name(diagnostic.severity), meta.id,
                                style(kReset), style(kBold), printable(diagnostic.message), style(kReset));
  append_snippet(out, diagnostic.span, sources, style);
  for (const DiagnosticNote& note : diagnostic.notes) {
    out += fmt::format("{}{}:{} {}note{}: {}\n", style(kBold), location(note.span), style(kReset), style(kCyan),
                       style(kReset), printable(note.message));
    append_snippet(out, note.span, sources, style);
  }
  if (!diagnostic.help.empty()) {
    out += fmt::format("  {}help{}: {}\n", style(kCyan), style(kReset), printable(diagnostic.help));
  }
  return out;
}

std::string render_summary(const Diagnostics& diagnostics) {
  const auto plural = [](std::size_t n, std::string_view word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
  };
  const std::size_t errors = diagnostics.count(Severity::kError);
  const std::size_t warnings = diagnostics.count(Severity::kWarning);
  if (errors == 0 && warnings == 0) return {};
  if (errors == 0) return plural(warnings, "warning");
  if (warnings == 0) return plural(errors, "error");
  return plural(errors, "error") + ", " + plural(warnings, "warning");
}

}  // namespace profilec
