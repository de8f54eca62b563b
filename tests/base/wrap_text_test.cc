#include "base/wrap_text.h"

#include <gtest/gtest.h>

namespace profilec {
namespace {

TEST(WrapTextTest, FillsLinesUpToTheWidthWithTheIndent) {
  EXPECT_EQ(wrap_text("one two three four", 11, "  "), "  one two\n  three\n  four\n");
  // Exactly the width still fits; one more column does not.
  EXPECT_EQ(wrap_text("abc def", 7), "abc def\n");
  EXPECT_EQ(wrap_text("abc def", 6), "abc\ndef\n");
}

TEST(WrapTextTest, KeepsParagraphsAndNeverCutsAWord) {
  EXPECT_EQ(wrap_text("If 'true', joins.\nIf 'false', does not.", 80), "If 'true', joins.\nIf 'false', does not.\n");
  EXPECT_EQ(wrap_text("a https://developer.apple.com/documentation b", 10),
            "a\nhttps://developer.apple.com/documentation\nb\n");
}

TEST(WrapTextTest, CollapsesSpacesAndDropsEmptyParagraphs) {
  EXPECT_EQ(wrap_text("  a   b \n\n c", 80), "a b\nc\n");
  EXPECT_EQ(wrap_text("", 80, "  "), "");
}

}  // namespace
}  // namespace profilec
