// analyze/value_layout.h: nested values in full, on one line when they fit.
#include "analyze/value_layout.h"

#include <gtest/gtest.h>

namespace profilec {
namespace {

using ir::make_array;
using ir::make_boolean;
using ir::make_dict;
using ir::make_integer;
using ir::make_string;

// A PPPC Services dictionary: one service, an array of one dictionary.
ir::Value services() {
  return make_dict({{"Camera",
                     {},
                     make_array({make_dict({{"Identifier", {}, make_string("us.zoom.xos")},
                                            {"Allowed", {}, make_boolean(true)}})})}});
}

TEST(ValueLayoutTest, InlineShowsEveryKeyAndItem) {
  EXPECT_EQ(analyze::inline_value(services()), R"({ Camera = [{ Identifier = "us.zoom.xos", Allowed = true }] })");
  EXPECT_EQ(analyze::inline_value(make_array({make_integer(1), make_integer(2), make_integer(3), make_integer(4),
                                              make_integer(5)})),
            "[1, 2, 3, 4, 5]");  // describe_value would stop after four
  EXPECT_EQ(analyze::inline_value(make_dict()), "{}");
  EXPECT_EQ(analyze::inline_value(make_array()), "[]");
  EXPECT_EQ(analyze::inline_value(make_string(R"(say "hi" \o/)")), R"("say \"hi\" \\o/")");
}

TEST(ValueLayoutTest, ASecretIsNeverShown) {
  ir::Value secret = make_dict({{"Password", {}, make_string("hunter2")}});
  secret.secret = true;
  EXPECT_EQ(analyze::inline_value(secret), "(secret)");
  ir::Value inner = make_string("hunter2");
  inner.secret = true;
  EXPECT_EQ(analyze::inline_value(make_dict({{"Password", {}, inner}})), "{ Password = (secret) }");
}

TEST(ValueLayoutTest, WideEnoughStaysOnOneLine) {
  const std::string one_line = analyze::inline_value(services());
  // Exactly the room it needs: one line; one column less: broken.
  EXPECT_EQ(analyze::layout_value(services(), 10 + one_line.size(), 2, 10), one_line);
  EXPECT_NE(analyze::layout_value(services(), 9 + one_line.size(), 2, 10), one_line);
  // `reserve` counts what follows the value on its line.
  EXPECT_NE(analyze::layout_value(services(), 10 + one_line.size(), 2, 10, 1), one_line);
}

TEST(ValueLayoutTest, NarrowBreaksEachLevelThatDoesNotFit) {
  EXPECT_EQ(analyze::layout_value(services(), 60, 2, 13),
            "{\n"
            "    Camera = [\n"
            "      { Identifier = \"us.zoom.xos\", Allowed = true },\n"
            "    ]\n"
            "  }");
  EXPECT_EQ(analyze::layout_value(services(), 20, 2, 13),
            "{\n"
            "    Camera = [\n"
            "      {\n"
            "        Identifier = \"us.zoom.xos\"\n"
            "        Allowed = true\n"
            "      },\n"
            "    ]\n"
            "  }");
}

TEST(ValueLayoutTest, ScalarsNeverBreak) {
  const ir::Value long_string = make_string(std::string(100, 'x'));
  EXPECT_EQ(analyze::layout_value(long_string, 20, 0, 10), analyze::inline_value(long_string));
  EXPECT_EQ(analyze::layout_value(make_dict(), 1, 0, 10), "{}");
}

}  // namespace
}  // namespace profilec
