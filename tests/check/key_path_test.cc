// check::KeyPath: the steps the walker pushes and pops, the text messages
// show ("Relays[0].Foo"), and the comparison with paths that tables write as
// text; then the same texts in findings, through the whole pipeline.
#include "check/key_path.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <string>
#include <vector>

#include "support/pipeline.h"

namespace profilec::check {
namespace {

using testing::compile_policy_text;
using ::testing::ElementsAre;

TEST(KeyPathTest, EmptyIsThePayloadItself) {
  const KeyPath path;
  EXPECT_TRUE(path.empty());
  EXPECT_EQ(path.text(), "");
  EXPECT_EQ(fmt::format("<{}>", path), "<>");
  EXPECT_TRUE(path.spells(""));
  EXPECT_FALSE(path.spells("."));
}

TEST(KeyPathTest, FieldsAreJoinedWithDots) {
  KeyPath path;
  path.push_field("EAPClientConfiguration");
  EXPECT_EQ(path.text(), "EAPClientConfiguration");
  path.push_field("UserPassword");
  EXPECT_EQ(path.text(), "EAPClientConfiguration.UserPassword");
  EXPECT_EQ(fmt::format("'{}'", path), "'EAPClientConfiguration.UserPassword'");
  path.pop();
  EXPECT_EQ(path.text(), "EAPClientConfiguration");
  EXPECT_FALSE(path.empty());
}

TEST(KeyPathTest, ItemsAreIndexesInBrackets) {
  KeyPath path;
  path.push_field("Relays");
  path.push_item(0);
  path.push_field("Foo");
  EXPECT_EQ(path.text(), "Relays[0].Foo");
  path.pop();
  path.pop();
  path.push_item(12);
  path.push_item(3);
  EXPECT_EQ(fmt::format("{}", path), "Relays[12][3]");
  ASSERT_EQ(path.steps().size(), 3u);
  EXPECT_EQ(path.steps()[0].kind, KeyPath::Step::Kind::kField);
  EXPECT_EQ(path.steps()[0].name, "Relays");
  EXPECT_EQ(path.steps()[1].kind, KeyPath::Step::Kind::kItem);
  EXPECT_EQ(path.steps()[1].index, 12u);
  EXPECT_EQ(path.steps()[2].index, 3u);
}

TEST(KeyPathTest, MapEntriesAreNamedAsTheProfileWritesThem) {
  KeyPath path;
  path.push_field("PayloadContent");
  path.push_map_entry("com.example.app");
  path.push_field("Forced");
  EXPECT_EQ(path.text(), "PayloadContent.com.example.app.Forced");
  EXPECT_EQ(path.steps()[1].kind, KeyPath::Step::Kind::kMapEntry);
  // The text is what the walker's strings were: a field opens the text
  // without a dot only while the text is empty; a map entry always has one.
  KeyPath odd;
  odd.push_field("");
  odd.push_field("A");
  EXPECT_EQ(odd.text(), "A");
  odd.push_map_entry("");
  odd.push_field("B");
  EXPECT_EQ(odd.text(), "A..B");
}

TEST(KeyPathTest, SpellsIsTheSameAsComparingTheText) {
  KeyPath path;
  path.push_field("Relays");
  path.push_item(10);
  path.push_map_entry("x.y");
  path.push_field("Foo");
  ASSERT_EQ(path.text(), "Relays[10].x.y.Foo");
  const std::vector<std::string> candidates = {"Relays[10].x.y.Foo",
                                               "Relays[10].x.y.Fo",
                                               "Relays[10].x.y.Foo.",
                                               "Relays[10].x.y.FooBar",
                                               "Relays[1].x.y.Foo",
                                               "Relays[010].x.y.Foo",
                                               "Relays[10]x.y.Foo",
                                               "Relays.10.x.y.Foo",
                                               "Relays",
                                               "",
                                               "relays[10].x.y.Foo"};
  for (const std::string& text : candidates) {
    EXPECT_EQ(path.spells(text), path.text() == text) << text;
  }
  EXPECT_TRUE(path.spells("Relays[10].x.y.Foo"));
  EXPECT_FALSE(path.spells("Relays[10].x.y.Fo"));
}

TEST(KeyPathTest, IsTopLevelKeyOnlyForThePayloadsOwnKey) {
  KeyPath path;
  EXPECT_FALSE(path.is_top_level_key("PayloadVersion"));
  path.push_field("PayloadVersion");
  EXPECT_TRUE(path.is_top_level_key("PayloadVersion"));
  EXPECT_FALSE(path.is_top_level_key("PayloadVersio"));
  path.pop();
  path.push_field("Inner");
  path.push_field("PayloadVersion");
  EXPECT_FALSE(path.is_top_level_key("PayloadVersion"));
  KeyPath entry;
  entry.push_map_entry("PayloadVersion");
  EXPECT_FALSE(entry.is_top_level_key("PayloadVersion"));
}

// The walker's paths in findings: array items, map entries and nested
// dictionaries, as the messages have always shown them.
TEST(KeyPathTest, FindingsNameTheWalkersPath) {
  const auto run = compile_policy_text(
      "[profile]\nid = \"com.example.x\"\n\n"
      "[payload.wifi]\ntype = \"com.apple.wifi.managed\"\nSSID_STR = \"x\"\n"
      "EAPClientConfiguration = { AcceptEAPTypes = [13, \"x\"] }\n\n"
      "[payload.prefs]\ntype = \"com.apple.ManagedClient.preferences\"\n"
      "PayloadContent = { \"com.example.app\" = { Forced = \"x\" } }\n");
  std::vector<std::string> messages;
  for (const Diagnostic& d : run.result.diagnostics.all()) messages.push_back(d.message);
  EXPECT_THAT(messages, ElementsAre("'EAPClientConfiguration.AcceptEAPTypes[1]' must be an integer, found string",
                                    "'PayloadContent.com.example.app.Forced' must be an array, found string"));
}

}  // namespace
}  // namespace profilec::check
