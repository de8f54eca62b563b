#include "schema/load_schema.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "schema/schema_set.h"

namespace profilec::schema {
namespace {

constexpr std::string_view kMinimal = R"(format = 1
kind = "payload"
payloadtype = "com.example.custom"
title = "Custom"

[[groups]]
[groups.os.macOS]
introduced = "13.0"

[[groups.keys]]
name = "Mode"
type = "string"
rangelist = ["a", "b"]
os = { macOS = { introduced = "14.0" } }

[[groups.keys]]
name = "Tree"
type = "dictionary"
subkeys_type = "Node"

[types.Node]
[[types.Node.keys]]
name = "Children"
type = "array"
[[types.Node.keys.subkeys]]
name = "Child"
type = "dictionary"
subkeys_type = "Node"
)";

TEST(LoadSchemaTest, LoadsACustomSchemaWithARecursiveType) {
  auto schema = load_schema(kMinimal, "custom.toml");
  ASSERT_TRUE(schema.has_value()) << schema.error().message;
  EXPECT_EQ(schema->payload_type, "com.example.custom");
  ASSERT_EQ(schema->groups.size(), 1u);
  ASSERT_EQ(schema->groups[0].keys.size(), 2u);
  EXPECT_EQ(schema->groups[0].keys[0].allowed_values.size(), 2u);
  const Key& tree = schema->groups[0].keys[1];
  ASSERT_EQ(tree.subkeys_type, 0);
  const Key& children = schema->children(tree).front();
  EXPECT_EQ(schema->children(children).front().subkeys_type, 0);
}

constexpr std::string_view kDescribed = R"(format = 1
kind = "payload"
payloadtype = "com.example.custom"
title = "Custom"
description = "The payload."

[[groups]]
description = "The file."

[[groups.keys]]
name = "Mode"
description = "One.\nTwo."
type = "string"

[[groups.keys]]
name = "Plain"
type = "string"
)";

TEST(LoadSchemaTest, ReadsDescriptionsOfThePayloadGroupsAndKeys) {
  auto schema = load_schema(kDescribed, "custom.toml");
  ASSERT_TRUE(schema.has_value()) << schema.error().message;
  EXPECT_EQ(schema->description, "The payload.");
  EXPECT_EQ(schema->groups[0].description, "The file.");
  EXPECT_EQ(schema->groups[0].keys[0].description, "One.\nTwo.");
  EXPECT_EQ(schema->groups[0].keys[1].description, "") << "absent: empty";

  const std::string not_text = fmt::format("{}{}", kDescribed.substr(0, kDescribed.find("\"One.")),
                                           "5\ntype = \"string\"\n");
  auto bad = load_schema(not_text, "custom.toml");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().line, 12u);
  EXPECT_NE(bad.error().message.find("description"), std::string::npos) << bad.error().message;
}

struct BadCase {
  const char* name;
  std::string text;
  std::uint32_t line;
  const char* message_part;
};

void PrintTo(const BadCase& c, std::ostream* os) { *os << c.name; }

class LoadSchemaErrorTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(LoadSchemaErrorTest, NamesLineAndProblem) {
  const BadCase& c = GetParam();
  auto schema = load_schema(c.text, "dir/bad.toml");
  ASSERT_FALSE(schema.has_value());
  EXPECT_EQ(schema.error().path, "dir/bad.toml");
  EXPECT_EQ(schema.error().line, c.line) << schema.error().message;
  EXPECT_NE(schema.error().message.find(c.message_part), std::string::npos) << schema.error().message;
}

std::string replaced(std::string_view from, std::string_view to) {
  std::string text(kMinimal);
  const auto at = text.find(from);
  text.replace(at, from.size(), to);
  return text;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, LoadSchemaErrorTest,
    ::testing::Values(
        BadCase{"syntax", replaced("title = \"Custom\"", "title = "), 4, "expected"},
        BadCase{"unknown_field", replaced("title = \"Custom\"", "titel = \"Custom\""), 4, "unknown field 'titel'"},
        BadCase{"unknown_key_field", replaced("rangelist = [", "rangelst = ["), 13, "unknown field 'rangelst'"},
        BadCase{"wrong_type", replaced("type = \"string\"", "type = \"text\""), 12, "unknown type 'text'"},
        BadCase{"rangelist_type", replaced("[\"a\", \"b\"]", "[\"a\", 2]"), 13, "must be a string"},
        BadCase{"bad_version", replaced("introduced = \"13.0\"", "introduced = \"thirteen\""), 8, "not a version"},
        BadCase{"bad_platform", replaced("[groups.os.macOS]", "[groups.os.macos]"), 7, "unknown platform 'macos'"},
        BadCase{"dangling_type", replaced("subkeys_type = \"Node\"\n\n", "subkeys_type = \"Nod\"\n\n"), 19,
                "'Nod' is not defined"},
        BadCase{"format", replaced("format = 1", "format = 2"), 1, "unsupported schema format 2"},
        BadCase{"no_name", replaced("name = \"Mode\"\n", ""), 10, "has no 'name'"}),
    [](const auto& param_info) { return std::string(param_info.param.name); });

TEST(SchemaDirectoryTest, AddsAndOverridesTypesAndReportsBadFiles) {
  MemoryFileSystem files;
  files.add_file("custom/com.example.custom.toml", std::string(kMinimal));
  auto set = SchemaSet::embedded();
  ASSERT_EQ(set.add_directory(files, "custom"), std::nullopt);
  ASSERT_NE(set.find("com.example.custom"), nullptr);
  EXPECT_NE(set.find("com.apple.wifi.managed"), nullptr);

  files.add_file("custom/overlay/com.example.custom.toml",
                 "format = 1\npayloadtype = \"com.example.custom\"\nsecret = [{ path = \"Missing\" }]\n");
  auto with_bad_overlay = SchemaSet::embedded();
  auto error = with_bad_overlay.add_directory(files, "custom");
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->message.find("'Missing' is not a key"), std::string::npos) << error->message;

  MemoryFileSystem broken;
  broken.add_file("bad/x.toml", "format = 1\nkind = \"payload\"\n");
  auto set2 = SchemaSet::embedded();
  auto broken_error = set2.add_directory(broken, "bad");
  ASSERT_TRUE(broken_error.has_value());
  EXPECT_EQ(broken_error->path, "bad/x.toml");
  EXPECT_NE(broken_error->message.find("'payloadtype'"), std::string::npos) << broken_error->message;
}

}  // namespace
}  // namespace profilec::schema
