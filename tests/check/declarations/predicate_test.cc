// The activation predicate parser (check/declarations/predicate.h): what it
// accepts, where it reports the first problem, and the names it collects.
#include "check/declarations/predicate.h"

#include <gtest/gtest.h>

#include <string>

namespace profilec::check {
namespace {

TEST(PredicateTest, AcceptsThePredicatesOfAppleFormat) {
  for (
      const char* text : {
          R"(@status(device.operating-system.family) == "iOS")",
          R"(@status(device.model.family) IN {"iPad","iPhone"})",
          R"(@status(device.operating-system.version) BEGINSWITH[c] '17.' AND NOT (@status(device.model.family) == "iPad"))",
          R"(@status(passcode.is-compliant) == TRUE || @status(passcode.is-present) = NO)",
          R"(@status(device.model.marketing-name) CONTAINS[cd] "pro" OR @status(device.model.identifier) LIKE "Mac*")",
          R"(@status(device.serial) MATCHES "C02[A-Z0-9]+")",
          R"(@property(department) == "sales" && @status(device.power.battery-health) != "Service")",
          R"(@status(device.operating-system.version) >= "17.4")",
          R"(ANY @status(app.managed.list).identifier == "com.example.app")",
          R"(@status(account.list.mail.incoming).@count > 0)",
          R"(@property(level) BETWEEN {1, 10})",
          R"(@property(level) + 2 * -3 =< 0x10 AND @property(ratio) < 1.5e3)",
          R"(TRUEPREDICATE)",
          R"(((@property(a) == 1)))",
          R"(@status( device.model.family ) == "Mac")",
          R"(@property(tags)[FIRST] == $expected)",
      }) {
    const ParsedPredicate parsed = parse_predicate(text);
    EXPECT_FALSE(parsed.error) << text << ": " << (parsed.error ? parsed.error->message : "");
  }
}

struct Bad {
  const char* text;
  std::size_t offset;
  const char* message_part;
};

TEST(PredicateTest, ReportsTheFirstProblemAtItsOffset) {
  for (const Bad& bad : {
           Bad{"", 0, "empty"},
           Bad{"   ", 0, "empty"},
           Bad{R"(@status(device.model.family) "iPad")", 29, "expected a comparison"},
           Bad{R"(@status(device.model.family) == "iPad)", 32, "unterminated string"},
           Bad{R"(@status(device.model.family) IN {"iPad", "iPhone")", 32, "missing '}'"},
           Bad{R"(@status(device.model.family) IN {"iPad" "iPhone"})", 40, "expected ',' or '}'"},
           Bad{R"((@property(a) == 1)", 18, "expected ')'"},
           Bad{R"(@property(a) == 1))", 17, "after the predicate"},
           Bad{R"(@property(a) == AND)", 16, "keyword 'AND'"},
           Bad{R"(@property(a) ==)", 15, "expected a value"},
           Bad{R"p(@status(device.model.family == "iPad"))p", 27, "unexpected character ' '"},
           Bad{R"(@status() == 1)", 7, "names nothing"},
           Bad{R"(@status(device.model.family == 1)", 7, "missing ')'"},
           Bad{R"(@count(x) == 1)", 0, "unknown '@count'"},
           Bad{R"(@property(a) == %@)", 16, "format argument"},
           Bad{R"(@property(a) == 17.4.1)", 16, "malformed number"},
           Bad{R"(@property(a) BEGINSWITH[x] "a")", 24, "option"},
           Bad{R"(@property(a) == "a" AND)", 23, "expected a value"},
           Bad{R"(@property(a) == "a" # b)", 20, "unexpected character '#'"},
           Bad{"@property(a) == \"a\" \x01", 20, "control character"},
       }) {
    const ParsedPredicate parsed = parse_predicate(bad.text);
    ASSERT_TRUE(parsed.error) << bad.text;
    EXPECT_EQ(parsed.error->offset, bad.offset) << bad.text << ": " << parsed.error->message;
    EXPECT_NE(parsed.error->message.find(bad.message_part), std::string::npos)
        << bad.text << ": " << parsed.error->message;
  }
}

TEST(PredicateTest, CollectsTheNamesItReadsWithTheirOffsets) {
  const ParsedPredicate parsed =
      parse_predicate(R"(@status(device.model.family) == "iPad" AND @property( team ) IN {"a"})");
  ASSERT_FALSE(parsed.error);
  ASSERT_EQ(parsed.references.size(), 2U);
  EXPECT_EQ(parsed.references[0].kind, PredicateReference::Kind::kStatusItem);
  EXPECT_EQ(parsed.references[0].name, "device.model.family");
  EXPECT_EQ(parsed.references[0].offset, 8U);
  EXPECT_EQ(parsed.references[0].length, 19U);
  EXPECT_EQ(parsed.references[1].kind, PredicateReference::Kind::kProperty);
  EXPECT_EQ(parsed.references[1].name, "team");
  EXPECT_EQ(parsed.references[1].offset, 54U);
}

TEST(PredicateTest, NestingHasALimitOnBothSides) {
  const auto nested = [](int depth) {
    return std::string(static_cast<std::size_t>(depth), '(') + "@property(a) == 1" +
           std::string(static_cast<std::size_t>(depth), ')');
  };
  EXPECT_FALSE(parse_predicate(nested(64)).error);
  const ParsedPredicate deep = parse_predicate(nested(65));
  ASSERT_TRUE(deep.error);
  EXPECT_NE(deep.error->message.find("nested deeper than 64"), std::string::npos);
  // Far deeper input is refused the same way, without exhausting the stack.
  EXPECT_TRUE(parse_predicate(std::string(100000, '(')).error);
  EXPECT_TRUE(parse_predicate(std::string(100000, '!')).error);
}

}  // namespace
}  // namespace profilec::check
