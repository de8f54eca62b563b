#include "import/toml_text.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include <toml++/toml.h>

namespace profilec::import {
namespace {

// What toml++ (the policy front end's parser) reads back from `key = <text>`.
toml::table read_back(const std::string& key, const std::string& value_text) {
  return toml::parse(toml_key(key) + " = " + value_text + "\n");
}

TEST(TomlTextTest, KeysAreBareOnlyWhenTomlAllowsIt) {
  EXPECT_EQ(toml_key("allowCamera"), "allowCamera");
  EXPECT_EQ(toml_key("SSID_STR"), "SSID_STR");
  EXPECT_EQ(toml_key("a-b"), "a-b");
  EXPECT_EQ(toml_key("com.apple.Safari"), "\"com.apple.Safari\"");
  EXPECT_EQ(toml_key("Dock Payload"), "\"Dock Payload\"");
  EXPECT_EQ(toml_key(""), "\"\"");
  EXPECT_EQ(toml_key("caf\xC3\xA9"), "\"caf\xC3\xA9\"");
  for (const std::string& key :
       std::vector<std::string>{"com.apple.Safari", "", "a\"b", "x'y", "tab\there", "caf\xC3\xA9", "a\\b"}) {
    const toml::table t = read_back(key, "1");
    ASSERT_TRUE(t.contains(key)) << toml_key(key);
  }
}

TEST(TomlTextTest, StringsReadBackExactly) {
  for (const std::string& text :
       {std::string("plain"), std::string("with \"quotes\""), std::string("back\\slash"), std::string("it's"),
        std::string("tab\tand CR\r"), std::string("line\nbreak"), std::string("\x01\x1F\x7F", 3),
        std::string("\xE2\x9C\x93 unicode \xF0\x9F\x94\x92"), std::string("'both' \"kinds\""), std::string()}) {
    const toml::table t = read_back("k", toml_string(text));
    EXPECT_EQ(t["k"].value<std::string>(), text) << toml_string(text);
  }
}

TEST(TomlTextTest, QuotesWithoutApostrophesGetALiteralString) {
  EXPECT_EQ(toml_string(R"(identifier "com.acme" and anchor apple)"), R"('identifier "com.acme" and anchor apple')");
  EXPECT_EQ(toml_string(R"(C:\Program Files)"), R"('C:\Program Files')");
  EXPECT_EQ(toml_string(R"(it's "quoted")"), R"("it's \"quoted\"")");
  EXPECT_EQ(toml_string("plain"), "\"plain\"");
}

TEST(TomlTextTest, MultilineStringsKeepEveryCharacter) {
  for (const std::string& text : {std::string("a\nb"), std::string("\nleading"), std::string("trailing\n"),
                                  std::string("crlf\r\nline"), std::string("\"\"\" inside\n"),
                                  std::string("ends with backslash \\\nnext"), std::string("  indented\n    more")}) {
    const std::string written = toml_multiline_string(text);
    EXPECT_EQ(written.rfind("\"\"\"\n", 0), 0u);
    const toml::table t = read_back("k", written);
    EXPECT_EQ(t["k"].value<std::string>(), text) << written;
  }
}

TEST(TomlTextTest, FloatsAreShortestAndReadBackBitForBit) {
  EXPECT_EQ(toml_float(1.0), "1.0");
  EXPECT_EQ(toml_float(0.1), "0.1");
  EXPECT_EQ(toml_float(-0.0), "-0.0");
  EXPECT_EQ(toml_float(100.0), "100.0");
  EXPECT_EQ(toml_float(1e300), "1e+300");
  for (const double value : {1.0, 0.1, -0.0, 2.5, 1e300, 1e-300, 5e-324, 123456789.125, 0.30000000000000004,
                             std::numeric_limits<double>::max(), std::numeric_limits<double>::min(),
                             -1.7976931348623157e308, 9007199254740993.0}) {
    const toml::table t = read_back("k", toml_float(value));
    ASSERT_TRUE(t["k"].is_floating_point()) << toml_float(value);
    const double back = *t["k"].value<double>();
    EXPECT_EQ(back, value) << toml_float(value);
    EXPECT_EQ(std::signbit(back), std::signbit(value)) << toml_float(value);
  }
}

TEST(TomlTextTest, DatesAreUtcOffsetDateTimes) {
  EXPECT_EQ(toml_date(ir::Date{2026, 6, 30, 12, 0, 5}), "2026-06-30T12:00:05Z");
  EXPECT_EQ(toml_date(ir::Date{1, 1, 1, 0, 0, 0}), "0001-01-01T00:00:00Z");
  const toml::table t = read_back("k", toml_date(ir::Date{999, 12, 31, 23, 59, 59}));
  const auto dt = t["k"].value<toml::date_time>();
  ASSERT_TRUE(dt.has_value());
  EXPECT_EQ(dt->date.year, 999);
  ASSERT_TRUE(dt->offset.has_value());
  EXPECT_EQ(dt->offset->minutes, 0);
}

}  // namespace
}  // namespace profilec::import
