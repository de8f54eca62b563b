#include "lsp/text_document.h"

#include <gtest/gtest.h>

namespace profilec::lsp {
namespace {

// "é" is 2 bytes, 1 UTF-16 unit; "😀" is 4 bytes, 2 UTF-16 units.
const char* kText = "a = \"\xC3\xA9\xF0\x9F\x98\x80x\"\r\nsecond\n";

TEST(TextDocumentTest, Utf16AndUtf8PositionsMapToTheSameBytes) {
  TextDocument document(kText, 1);
  // 'x' is at byte 11: after a, space, =, space, quote (5), é (2), 😀 (4).
  EXPECT_EQ(document.offset_of({0, 8}, PositionEncoding::kUtf16), 11u);
  EXPECT_EQ(document.offset_of({0, 11}, PositionEncoding::kUtf8), 11u);
  EXPECT_EQ(document.position_of(11, PositionEncoding::kUtf16), (LspPosition{0, 8}));
  EXPECT_EQ(document.position_of(11, PositionEncoding::kUtf8), (LspPosition{0, 11}));
  // Inside the surrogate pair: the start of the character.
  EXPECT_EQ(document.offset_of({0, 7}, PositionEncoding::kUtf16), 7u);
  // Past the end of the line: the line's end (before "\r\n").
  EXPECT_EQ(document.offset_of({0, 99}, PositionEncoding::kUtf16), 13u);
  EXPECT_EQ(document.offset_of({1, 2}, PositionEncoding::kUtf16), 17u);
  // Past the last line: the end of the text.
  EXPECT_EQ(document.offset_of({9, 0}, PositionEncoding::kUtf16), document.text().size());
}

TEST(TextDocumentTest, CompilerColumnsCountCodePoints) {
  TextDocument document(kText, 1);
  // Column 8 is 'x' (a, space, =, space, quote, é, 😀, x).
  EXPECT_EQ(document.from_source({1, 8}, PositionEncoding::kUtf16), (LspPosition{0, 8}));
  EXPECT_EQ(document.from_source({1, 8}, PositionEncoding::kUtf8), (LspPosition{0, 11}));
  EXPECT_EQ(document.to_source(11), (SourcePosition{1, 8}));
  EXPECT_EQ(document.from_source({2, 1}, PositionEncoding::kUtf16), (LspPosition{1, 0}));
}

TEST(TextDocumentTest, IncrementalEditsApplyInOrder) {
  TextDocument document(kText, 1);
  // Replace "😀" (UTF-16 characters 6-8) with "yz".
  document.replace({{0, 6}, {0, 8}}, "yz", PositionEncoding::kUtf16);
  EXPECT_EQ(document.line_text(0), "a = \"\xC3\xA9yzx\"");
  // Insert a line, then delete across the line break.
  document.replace({{1, 0}, {1, 0}}, "new\n", PositionEncoding::kUtf16);
  EXPECT_EQ(document.line_text(1), "new");
  EXPECT_EQ(document.line_text(2), "second");
  document.replace({{1, 3}, {2, 0}}, "", PositionEncoding::kUtf16);
  EXPECT_EQ(document.line_text(1), "newsecond");
  document.replace_all("x");
  EXPECT_EQ(document.text(), "x");
  EXPECT_EQ(document.line_count(), 1u);
}

}  // namespace
}  // namespace profilec::lsp
