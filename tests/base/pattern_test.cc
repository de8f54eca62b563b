#include "base/pattern.h"

#include <gtest/gtest.h>

#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include "lang/language_tables.h"

namespace profilec {
namespace {

TEST(PatternTest, MatchesTheWholeTextOnly) {
  const Pattern name{lang::kPayloadNamePattern};
  EXPECT_TRUE(name.matches("restrictions"));
  EXPECT_TRUE(name.matches("wifi-office_2"));
  EXPECT_TRUE(name.matches("7"));
  EXPECT_FALSE(name.matches(""));
  EXPECT_FALSE(name.matches("-wifi"));
  EXPECT_FALSE(name.matches("wifi office"));
  EXPECT_FALSE(name.matches("wifi.office"));
  EXPECT_FALSE(name.matches("wifi\n"));
}

TEST(PatternTest, ATextHoldingANulNeverMatches) {
  const Pattern name{lang::kPayloadNamePattern};
  EXPECT_TRUE(name.matches(std::string_view("ab", 2)));
  EXPECT_FALSE(name.matches(std::string_view("a\0b", 3)));
  EXPECT_FALSE(name.matches(std::string_view("a\0", 2)));
}

TEST(PatternTest, VersionsHaveOneToThreeNumbers) {
  const Pattern version{lang::kPlatformVersionPattern};
  EXPECT_TRUE(version.matches("17"));
  EXPECT_TRUE(version.matches("17.0"));
  EXPECT_TRUE(version.matches("17.0.1"));
  EXPECT_FALSE(version.matches("17.0.1.2"));
  EXPECT_FALSE(version.matches("17."));
  EXPECT_FALSE(version.matches("v17"));
}

TEST(PatternTest, ABadExpressionThrows) {
  EXPECT_THROW(Pattern{"^[a-"}, std::invalid_argument);
  EXPECT_THROW(Pattern{"(a"}, std::invalid_argument);
}

// The language's patterns are matched here as POSIX ERE and written into the
// JSON Schemas editors apply as ECMAScript: both dialects must agree on them.
TEST(PatternTest, TheLanguagePatternsReadAlikeInBothDialects) {
  const std::vector<std::string> texts = {
      "",
      "a",
      "A9",
      "a-b_c",
      "-a",
      "_a",
      "a.b",
      "com.example",
      "com.",
      ".com",
      "com..ex",
      "com.ex-1",
      "a b",
      "\xc3\xa9t\xc3\xa9",
      "17",
      "17.0",
      "17.0.1",
      "17.0.1.2",
      "17.",
      ".17",
      "1a",
      "a\tb",
      "com.Ex_9",
      "Z",
      "a]",
      "[a",
      "a^",
      "a$",
      "com.example.",
      "9.9.9",
      "00",
      "a\\b",
  };
  for (const std::string_view expression :
       {lang::kPayloadNamePattern, lang::kPlatformVersionPattern, lang::kIdPrefixPattern}) {
    const Pattern posix{expression};
    const std::regex ecmascript{std::string(expression), std::regex::ECMAScript};
    for (const std::string& text : texts) {
      EXPECT_EQ(posix.matches(text), std::regex_search(text, ecmascript)) << expression << " on '" << text << "'";
    }
  }
}

}  // namespace
}  // namespace profilec
