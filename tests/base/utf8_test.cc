#include "base/utf8.h"

#include <gtest/gtest.h>

namespace profilec {
namespace {

constexpr const char* kFffd = "\xEF\xBF\xBD";

TEST(ValidUtf8Test, ValidTextIsUnchanged) {
  const std::string text = "plain ASCII, \xC3\x84 (2 bytes), \xE2\x82\xAC (3), \xF0\x9F\x98\x80 (4)\t\n\r";
  EXPECT_EQ(valid_utf8(text), text);
  EXPECT_EQ(valid_utf8(text, ControlCharacters::kReplaceExceptWhitespace), text);
  EXPECT_EQ(valid_utf8(""), "");
}

TEST(ValidUtf8Test, EachInvalidByteBecomesOneReplacement) {
  EXPECT_EQ(valid_utf8("a\xFF"
                       "b"),
            std::string("a") + kFffd + "b");
  EXPECT_EQ(valid_utf8("\xC3"), kFffd);                                                   // truncated
  EXPECT_EQ(valid_utf8("\xC0\xAF"), std::string(kFffd) + kFffd);                          // overlong
  EXPECT_EQ(valid_utf8("\xED\xA0\x80"), std::string(kFffd) + kFffd + kFffd);              // surrogate
  EXPECT_EQ(valid_utf8("\xF4\x90\x80\x80"), std::string(kFffd) + kFffd + kFffd + kFffd);  // > U+10FFFF
  EXPECT_EQ(valid_utf8("\xE2\x82"
                       "x"),
            std::string(kFffd) + kFffd + "x");
}

TEST(ValidUtf8Test, ControlsOnlyWhenAsked) {
  const std::string text = std::string(
      "a\x1b[0m\x7F\xC2\x85"
      "b\x00",
      10);
  EXPECT_EQ(valid_utf8(text), text);
  EXPECT_EQ(valid_utf8(text, ControlCharacters::kReplaceExceptWhitespace),
            std::string("a") + kFffd + "[0m" + kFffd + kFffd + "b" + kFffd);
}

TEST(Utf8SequenceLengthTest, LengthOfTheFirstWellFormedSequence) {
  EXPECT_EQ(utf8_sequence_length(""), 0u);
  EXPECT_EQ(utf8_sequence_length("a\xFF"), 1u);
  EXPECT_EQ(utf8_sequence_length("\xC3\x84z"), 2u);
  EXPECT_EQ(utf8_sequence_length("\xE2\x82\xAC"), 3u);
  EXPECT_EQ(utf8_sequence_length("\xF0\x9F\x98\x80"), 4u);
  EXPECT_EQ(utf8_sequence_length("\xF4\x8F\xBF\xBF"), 4u);  // U+10FFFF, the last
  for (const char* bad : {"\xC3", "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\x80", "\xE2\x82",
                          "\xF5\x80\x80\x80"}) {
    EXPECT_EQ(utf8_sequence_length(bad), 0u) << bad;
  }
}

}  // namespace
}  // namespace profilec
