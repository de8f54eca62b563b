// An open document as the editor holds it, and the positions the protocol
// speaks in. LSP positions are 0-based lines and characters counted in the
// negotiated encoding (UTF-16 code units unless the client offers "utf-8");
// the compiler's are 1-based lines and columns in code points
// (base/source_span.h). Both map to byte offsets through the line starts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/source_span.h"

namespace profilec::lsp {

enum class PositionEncoding { kUtf16, kUtf8 };

struct LspPosition {
  std::int64_t line = 0;
  std::int64_t character = 0;
  friend bool operator==(const LspPosition&, const LspPosition&) = default;
};

struct LspRange {
  LspPosition start;
  LspPosition end;
  friend bool operator==(const LspRange&, const LspRange&) = default;
};

class TextDocument {
 public:
  TextDocument() = default;
  TextDocument(std::string text, std::int64_t version);

  const std::string& text() const { return text_; }
  std::int64_t version() const { return version_; }

  // The byte offset of `position`; a character past the end of its line is
  // the line's end, a line past the last is the end of the text (as the
  // protocol asks), and a position inside a UTF-16 surrogate pair or a UTF-8
  // sequence is the start of its character.
  std::size_t offset_of(LspPosition position, PositionEncoding encoding) const;
  LspPosition position_of(std::size_t offset, PositionEncoding encoding) const;
  // A compiler position (1-based line, column in code points; column 0:
  // the line's start) in the protocol's terms.
  LspPosition from_source(SourcePosition position, PositionEncoding encoding) const;
  // The compiler position of a byte offset.
  SourcePosition to_source(std::size_t offset) const;

  // An edit of textDocument/didChange: replace [start, end) (a full-text
  // change replaces everything).
  void replace(LspRange range, std::string_view text, PositionEncoding encoding);
  void replace_all(std::string text);
  void set_version(std::int64_t version) { version_ = version; }

  // The text of 0-based `line`, without its line break.
  std::string_view line_text(std::size_t line) const;
  std::size_t line_count() const { return line_starts_.size(); }

 private:
  std::string text_;
  std::int64_t version_ = 0;
  std::vector<std::size_t> line_starts_;
};

}  // namespace profilec::lsp
