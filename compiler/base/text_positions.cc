#include "base/text_positions.h"

#include <algorithm>
#include <cstring>

namespace profilec {
namespace {

bool starts_code_point(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

}  // namespace

std::vector<std::size_t> line_starts(std::string_view text) {
  std::vector<std::size_t> starts{0};
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  for (const char* at = begin; at != end;) {
    const auto* newline = static_cast<const char*>(std::memchr(at, '\n', static_cast<std::size_t>(end - at)));
    if (newline == nullptr) break;
    at = newline + 1;
    starts.push_back(static_cast<std::size_t>(at - begin));
  }
  return starts;
}

TextPositions::TextPositions(std::string_view text) : text_(text), line_starts_(line_starts(text)) {}

SourcePosition TextPositions::at(std::size_t offset) {
  offset = std::min(offset, text_.size());
  const auto after = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line = static_cast<std::uint32_t>(after - line_starts_.begin());
  const std::size_t line_start = line_starts_[line - 1];
  std::size_t from = line_start;
  std::uint32_t column = 1;
  if (line == last_.line && last_offset_ >= line_start && last_offset_ <= offset) {
    from = last_offset_;
    column = last_.column;
  }
  for (std::size_t i = from; i < offset; ++i) {
    if (starts_code_point(text_[i])) ++column;
  }
  last_offset_ = offset;
  last_ = SourcePosition{line, column};
  return last_;
}

}  // namespace profilec
