#include "lsp/text_document.h"

#include <algorithm>

#include "base/text_positions.h"
#include "base/utf8.h"

namespace profilec::lsp {
namespace {

// The length of the character at the start of `text`: an invalid byte
// counts as a character of its own (as the compiler's columns count it).
std::size_t character_bytes(std::string_view text) {
  const std::size_t length = utf8_sequence_length(text);
  return length == 0 ? 1 : length;
}

std::int64_t units(std::size_t bytes, PositionEncoding encoding) {
  if (encoding == PositionEncoding::kUtf8) return static_cast<std::int64_t>(bytes);
  return bytes == 4 ? 2 : 1;  // a code point above U+FFFF is a surrogate pair
}

}  // namespace

TextDocument::TextDocument(std::string text, std::int64_t version)
    : text_(std::move(text)), version_(version), line_starts_(line_starts(text_)) {}

std::string_view TextDocument::line_text(std::size_t line) const {
  if (line >= line_starts_.size()) return {};
  const std::size_t begin = line_starts_[line];
  std::size_t end = line + 1 < line_starts_.size() ? line_starts_[line + 1] - 1 : text_.size();
  if (end > begin && text_[end - 1] == '\r') --end;
  return std::string_view(text_).substr(begin, end - begin);
}

std::size_t TextDocument::offset_of(LspPosition position, PositionEncoding encoding) const {
  if (position.line < 0) return 0;
  const auto line = static_cast<std::size_t>(position.line);
  if (line >= line_starts_.size()) return text_.size();
  const std::string_view content = line_text(line);
  std::size_t at = 0;
  std::int64_t counted = 0;
  while (at < content.size()) {
    const std::size_t bytes = character_bytes(content.substr(at));
    const std::int64_t width = units(bytes, encoding);
    if (counted + width > position.character) break;
    counted += width;
    at += bytes;
  }
  return line_starts_[line] + at;
}

LspPosition TextDocument::position_of(std::size_t offset, PositionEncoding encoding) const {
  offset = std::min(offset, text_.size());
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line = static_cast<std::size_t>(it - line_starts_.begin()) - 1;
  const std::string_view before = std::string_view(text_).substr(line_starts_[line], offset - line_starts_[line]);
  std::int64_t counted = 0;
  for (std::size_t at = 0; at < before.size();) {
    const std::size_t bytes = character_bytes(before.substr(at));
    counted += units(std::min(bytes, before.size() - at), encoding);
    at += bytes;
  }
  return {static_cast<std::int64_t>(line), counted};
}

LspPosition TextDocument::from_source(SourcePosition position, PositionEncoding encoding) const {
  if (!position.known()) return {};
  const std::size_t line = position.line - 1;
  if (line >= line_starts_.size()) return position_of(text_.size(), encoding);
  const std::string_view content = line_text(line);
  std::size_t at = 0;
  for (std::uint32_t column = 1; column < position.column && at < content.size(); ++column) {
    at += character_bytes(content.substr(at));
  }
  return position_of(line_starts_[line] + std::min(at, content.size()), encoding);
}

SourcePosition TextDocument::to_source(std::size_t offset) const {
  const LspPosition p = position_of(offset, PositionEncoding::kUtf8);
  const std::string_view before =
      line_text(static_cast<std::size_t>(p.line)).substr(0, static_cast<std::size_t>(p.character));
  std::uint32_t column = 1;
  for (std::size_t at = 0; at < before.size(); at += character_bytes(before.substr(at))) ++column;
  return {static_cast<std::uint32_t>(p.line + 1), column};
}

void TextDocument::replace(LspRange range, std::string_view text, PositionEncoding encoding) {
  std::size_t begin = offset_of(range.start, encoding);
  std::size_t end = offset_of(range.end, encoding);
  if (end < begin) std::swap(begin, end);
  text_.replace(begin, end - begin, text);
  line_starts_ = line_starts(text_);
}

void TextDocument::replace_all(std::string text) {
  text_ = std::move(text);
  line_starts_ = line_starts(text_);
}

}  // namespace profilec::lsp
