#include "diag/apply_fixes.h"

#include <gtest/gtest.h>

#include <memory>

#include "diag/fixes.h"

namespace profilec {
namespace {

SourceSpan at(std::uint32_t line, std::uint32_t begin, std::uint32_t end, std::string path = "a.toml") {
  return SourceSpan{std::make_shared<const std::string>(std::move(path)), {line, begin}, {line, end}};
}

DiagnosticFix fix(SourceSpan span, std::string replacement) {
  return DiagnosticFix{std::move(span), std::move(replacement), "t"};
}

TEST(ApplyFixesTest, ReplacesSpansCountedInCodePoints) {
  const FixedText out = apply_fixes("é = 1\n\"日本\" = 2; ab = 3\n", {fix(at(2, 11, 13), "cd"), fix(at(1, 1, 2), "e")});
  EXPECT_EQ(out.text, "e = 1\n\"日本\" = 2; cd = 3\n");
  EXPECT_EQ(out.applied, 2u);
  EXPECT_TRUE(out.skipped.empty());
}

TEST(ApplyFixesTest, TheSameEditTwiceIsMadeOnce) {
  const FixedText out = apply_fixes("abc\n", {fix(at(1, 1, 4), "xyz"), fix(at(1, 1, 4), "xyz")});
  EXPECT_EQ(out.text, "xyz\n");
  EXPECT_EQ(out.applied, 1u);
  EXPECT_TRUE(out.skipped.empty());
}

TEST(ApplyFixesTest, OfTwoOverlappingFixesTheFirstWins) {
  const FixedText out = apply_fixes("abcdef\n", {fix(at(1, 2, 5), "X"), fix(at(1, 4, 7), "Y"), fix(at(1, 5, 7), "Z")});
  EXPECT_EQ(out.text, "aXZ\n");  // [2,5) then [5,7), which touches it but does not overlap
  ASSERT_EQ(out.skipped.size(), 1u);
  EXPECT_EQ(out.skipped[0].fix.replacement, "Y");
  EXPECT_EQ(out.skipped[0].reason, "it overlaps 't', applied instead");
}

TEST(ApplyFixesTest, ASpanOutsideTheTextIsSkipped) {
  const FixedText out = apply_fixes("ab\n", {fix(at(1, 2, 9), "x"), fix(at(5, 1, 2), "y")});
  EXPECT_EQ(out.text, "ab\n");
  EXPECT_EQ(out.skipped.size(), 2u);
  // One past the last character is the line's end: allowed.
  EXPECT_EQ(apply_fixes("ab", {fix(at(1, 2, 3), "c")}).text, "ac");
}

TEST(FixesTest, ARenameIsABareKeyOrNothing) {
  EXPECT_EQ(key_rename_fix(at(1, 1, 5), "abdc", "abcd")->replacement, "abcd");
  EXPECT_EQ(key_rename_fix(at(1, 1, 5), "abdc", "Disk Sleep"), std::nullopt);  // would need quotes
  EXPECT_EQ(key_rename_fix(at(1, 1, 5, "stdlib:passcode/baseline.toml"), "abdc", "abcd"), std::nullopt);
  EXPECT_EQ(key_rename_fix(SourceSpan{}, "abdc", "abcd"), std::nullopt);
}

TEST(FixesTest, AStringValueIsQuotedOrNothing) {
  EXPECT_EQ(string_value_fix(at(1, 1, 5), "ab", "com.apple.x")->replacement, "\"com.apple.x\"");
  EXPECT_EQ(string_value_fix(at(1, 1, 5), "ab", "a\"b"), std::nullopt);
  EXPECT_EQ(string_value_fix(at(1, 1, 5), "ab", "a\\b"), std::nullopt);
}

}  // namespace
}  // namespace profilec
