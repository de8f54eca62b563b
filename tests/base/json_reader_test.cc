#include "base/json_reader.h"

#include <gtest/gtest.h>

#include <string>

namespace profilec {
namespace {

TEST(JsonReaderTest, ReadsEveryKindWithPositions) {
  auto value = read_json("{\"a\": [1, -2.5, true, false, null],\n  \"b\": {\"c\": \"x\"}}");
  ASSERT_TRUE(value.has_value()) << value.error().message;
  ASSERT_TRUE(value->is_object());
  const JsonValue* a = value->find("a");
  ASSERT_NE(a, nullptr);
  ASSERT_EQ(a->items.size(), 5u);
  EXPECT_EQ(a->items[0].kind, JsonValue::Kind::kInteger);
  EXPECT_EQ(a->items[0].integer, 1);
  EXPECT_EQ(a->items[1].kind, JsonValue::Kind::kDouble);
  EXPECT_DOUBLE_EQ(a->items[1].number, -2.5);
  EXPECT_TRUE(a->items[2].boolean);
  EXPECT_EQ(a->items[3].kind, JsonValue::Kind::kBool);
  EXPECT_FALSE(a->items[3].boolean);
  EXPECT_TRUE(a->items[4].is_null());
  EXPECT_EQ(a->position, (SourcePosition{1, 7}));
  const JsonValue* c = value->find("b")->find("c");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->string, "x");
  EXPECT_EQ(c->position, (SourcePosition{2, 14}));
  EXPECT_EQ(value->string_or("missing", "fallback"), "fallback");
  EXPECT_EQ(value->integer_or("a", 7), 7);  // not an integer: the fallback
}

TEST(JsonReaderTest, ColumnsCountCodePoints) {
  auto value = read_json("[\"\xC3\xA9\xC3\xA9\", 1]");
  ASSERT_TRUE(value.has_value());
  EXPECT_EQ(value->items[1].position, (SourcePosition{1, 8}));
}

TEST(JsonReaderTest, DecodesEscapesAndSurrogatePairs) {
  auto value = read_json(R"("a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00")");
  ASSERT_TRUE(value.has_value()) << value.error().message;
  EXPECT_EQ(value->string, "a\"\\/\b\f\n\r\t\xC3\xA9\xF0\x9F\x98\x80");
}

TEST(JsonReaderTest, LargeIntegersBecomeDoubles) {
  auto value = read_json("[9223372036854775807, 9223372036854775808, -0, 1e2]");
  ASSERT_TRUE(value.has_value());
  EXPECT_EQ(value->items[0].kind, JsonValue::Kind::kInteger);
  EXPECT_EQ(value->items[0].integer, INT64_MAX);
  EXPECT_EQ(value->items[1].kind, JsonValue::Kind::kDouble);
  EXPECT_EQ(value->items[2].kind, JsonValue::Kind::kInteger);
  EXPECT_EQ(value->items[3].kind, JsonValue::Kind::kDouble);
  EXPECT_DOUBLE_EQ(value->items[3].number, 100);
}

struct Refused {
  std::string text;
  std::size_t offset;
  std::string message;
};

TEST(JsonReaderTest, RefusesWhatRfc8259Refuses) {
  const Refused cases[] = {
      {"", 0, "expected a value, found the end of the text"},
      {"[1,]", 3, "expected a value, found ']'"},
      {"{\"a\" 1}", 5, "expected ':' after a member name, found '1'"},
      {"{\"a\": 1,}", 8, "expected a member name in quotes, found '}'"},
      {"[1 2]", 3, "expected ',' or ']' after an array item, found '2'"},
      {"01", 1, "a number with a leading zero"},
      {"1.", 2, "expected a digit after the decimal point, found the end of the text"},
      {"1e", 2, "expected a digit in the exponent, found the end of the text"},
      {"\"a\nb\"", 2, "byte 0x0a inside a string (control characters must be escaped)"},
      {"\"\\x\"", 1, "unknown escape '\\' followed by 'x'"},
      {"\"\\ud83d\"", 1, "a high surrogate \\u escape without a low one after it"},
      {"\"\\ude00\"", 1, "a low surrogate \\u escape without a high one"},
      {"\"\\u12g4\"", 5, "expected 4 hexadecimal digits after \\u, found 'g'"},
      {"\"\xff\"", 1, "invalid UTF-8 byte 0xff inside a string"},
      {"\"abc", 4, "a string without its closing quote"},
      {"tru", 0, "expected a value, found 't'"},
      {"1 1", 2, "expected the end of the text, found '1'"},
      {"1e999", 0, "the number 1e999 is out of range"},
      {"// c\n1", 0, "expected a value, found '/'"},
  };
  for (const Refused& c : cases) {
    auto value = read_json(c.text);
    ASSERT_FALSE(value.has_value()) << c.text;
    EXPECT_EQ(value.error().message, c.message) << c.text;
    EXPECT_EQ(value.error().offset, c.offset) << c.text;
  }
}

TEST(JsonReaderTest, ErrorsCarryLineAndColumn) {
  auto value = read_json("{\n  \"a\": [1,\n  ]}");
  ASSERT_FALSE(value.has_value());
  EXPECT_EQ(value.error().position, (SourcePosition{3, 3}));
}

TEST(JsonReaderTest, DepthAndSizeLimitsOnBothSides) {
  JsonLimits limits;
  limits.max_depth = 3;
  EXPECT_TRUE(read_json("[[1]]", limits).has_value());
  EXPECT_TRUE(read_json("[[[]]]", limits).has_value());
  auto deep = read_json("[[[[1]]]]", limits);
  ASSERT_FALSE(deep.has_value());
  EXPECT_EQ(deep.error().message, "nested deeper than 3 levels");
  limits.max_bytes = 4;
  EXPECT_TRUE(read_json("[12]", limits).has_value());
  auto large = read_json("[123]", limits);
  ASSERT_FALSE(large.has_value());
  EXPECT_EQ(large.error().message, "the text is 5 bytes, over the limit of 4");
  // The default depth limit holds off a stack overflow.
  EXPECT_FALSE(read_json(std::string(100000, '[')).has_value());
}

}  // namespace
}  // namespace profilec
