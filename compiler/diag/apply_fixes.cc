#include "diag/apply_fixes.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "base/text_positions.h"
#include "base/utf8.h"

namespace profilec {
namespace {

// The byte offset of `position` in `text`, or nullopt when the line is not
// there or ends before the column (one past the last character is allowed).
std::optional<std::size_t> offset_of(std::string_view text, const std::vector<std::size_t>& starts,
                                     SourcePosition position) {
  if (position.line == 0 || position.column == 0 || position.line > starts.size()) return std::nullopt;
  std::size_t at = starts[position.line - 1];
  for (std::uint32_t column = 1; column < position.column; ++column) {
    if (at >= text.size() || text[at] == '\n' || text[at] == '\r') return std::nullopt;
    const std::size_t length = utf8_sequence_length(text.substr(at));
    at += length == 0 ? 1 : length;
  }
  return at;
}

struct Edit {
  std::size_t begin;
  std::size_t end;
  const DiagnosticFix* fix;
};

}  // namespace

FixedText apply_fixes(std::string_view text, const std::vector<DiagnosticFix>& fixes) {
  FixedText out;
  const std::vector<std::size_t> starts = line_starts(text);
  std::vector<Edit> edits;
  for (const DiagnosticFix& fix : fixes) {
    const auto begin = offset_of(text, starts, fix.span.begin);
    const auto end = offset_of(text, starts, fix.span.end);
    if (!begin || !end || *end < *begin) {
      out.skipped.push_back({fix, "its place is not in the file"});
      continue;
    }
    const auto overlap = std::find_if(edits.begin(), edits.end(), [&](const Edit& e) {
      return *begin < e.end && e.begin < *end;  // empty spans (insertions) never overlap
    });
    if (overlap == edits.end()) {
      edits.push_back({*begin, *end, &fix});
    } else if (overlap->begin != *begin || overlap->end != *end || overlap->fix->replacement != fix.replacement) {
      out.skipped.push_back({fix, fmt::format("it overlaps '{}', applied instead", overlap->fix->title)});
    }  // else the same edit again
  }
  std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.begin < b.begin; });
  std::size_t copied = 0;
  for (const Edit& edit : edits) {
    out.text.append(text.substr(copied, edit.begin - copied));
    out.text.append(edit.fix->replacement);
    copied = edit.end;
  }
  out.text.append(text.substr(copied));
  out.applied = edits.size();
  return out;
}

}  // namespace profilec
