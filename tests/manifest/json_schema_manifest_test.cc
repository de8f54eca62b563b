// JSON Schema app manifests -> the schema model: every construct of
// tests/manifest/data/jamf/com.example.updater.json (ours, written for these
// tests), and each malformed-manifest error at its line and column.
#include "manifest/json_schema_manifest.h"
#include "support/manifest_data.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace profilec::manifest {
namespace {

std::string read_data(const std::string& name) { return testing::read_manifest_data(name); }
using testing::find_key;
std::string listed(const Diagnostics& diagnostics) { return testing::listed_findings(diagnostics); }

using schema::ValueType;

// One test manifest of tests/manifest/data/, read for each test.
class ReadJsonManifestTest : public ::testing::Test {
 protected:
  void read(const std::string& name, const std::string& path) {
    auto parsed = read_json_schema_manifest(read_data(name), path, diagnostics);
    ASSERT_TRUE(parsed.has_value()) << listed(diagnostics);
    schema = std::move(*parsed);
  }
  const std::vector<schema::Key>& keys() const { return schema.groups.at(0).keys; }
  const schema::Key& key(std::string_view name) const {
    const schema::Key* found = find_key(keys(), name);
    EXPECT_NE(found, nullptr) << name;
    static const schema::Key kNone;
    return found ? *found : kNone;
  }
  Diagnostics diagnostics;
  schema::PayloadSchema schema;
};

class JsonSchemaManifestTest : public ReadJsonManifestTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(read("jamf/com.example.updater.json", "jamf/com.example.updater.json"));
  }
};

TEST_F(JsonSchemaManifestTest, TheManifestDescribesThePayload) {
  EXPECT_EQ(schema.payload_type, "com.example.updater");
  EXPECT_EQ(schema.title, "Example Updater");
  EXPECT_EQ(schema.description,
            "Settings of the Example Updater (written for profilec's tests)\nDocumentation: "
            "https://example.com/updater/docs");
  EXPECT_EQ(schema.doc_url, "https://example.com/updater/docs");
  EXPECT_EQ(schema.origin, "JSON Schema manifest");
  const auto& mac = schema.groups.at(0).os[static_cast<std::size_t>(schema::Platform::kMacOS)];
  ASSERT_TRUE(mac.has_value());
  EXPECT_EQ(mac->introduced, schema::OsVersion::since_first());
  EXPECT_FALSE(schema.groups.at(0).os[static_cast<std::size_t>(schema::Platform::kIOS)].has_value());
  EXPECT_EQ(keys().size(), 12U);
}

TEST_F(JsonSchemaManifestTest, TypesEnumsRangesPatternsAndFormats) {
  EXPECT_EQ(key("ChannelName").type, ValueType::kString);
  EXPECT_EQ(key("ChannelName").presence, schema::Presence::kRequired);
  EXPECT_EQ(key("ChannelName").title, "Channel");
  EXPECT_EQ(key("ChannelName").default_value, schema::Scalar(std::string("Current")));
  EXPECT_EQ(key("ChannelName").allowed_values,
            (std::vector<schema::Scalar>{std::string("Current"), std::string("Preview"), std::string("Beta")}));
  EXPECT_EQ(key("CheckFrequency").type, ValueType::kInteger);
  EXPECT_EQ(key("CheckFrequency").presence, schema::Presence::kUnstated);
  EXPECT_EQ(key("CheckFrequency").range_min, 60.0);
  EXPECT_EQ(key("CheckFrequency").range_max, 10080.0);
  EXPECT_EQ(key("Ratio").type, ValueType::kReal);
  EXPECT_EQ(key("Ratio").range_max, 2.0);
  EXPECT_EQ(key("AutoInstall").type, ValueType::kBoolean);
  EXPECT_EQ(key("AutoInstall").description, "More information: https://example.com/auto");
  EXPECT_EQ(key("ManifestServer").subtype, "url");
  EXPECT_EQ(key("Contact").subtype, "email");
  EXPECT_EQ(key("BuildTag").format, "^[A-Z]{3}-[0-9]+$");
  EXPECT_EQ(key("Nickname").type, ValueType::kString);  // ["string", "null"]
}

TEST_F(JsonSchemaManifestTest, ArraysObjectsAndMaps) {
  const schema::Key& apps = key("Applications");
  EXPECT_EQ(apps.type, ValueType::kArray);
  ASSERT_EQ(apps.subkeys.size(), 1U);
  const schema::Key& item = apps.subkeys[0];
  EXPECT_EQ(item.type, ValueType::kDictionary);
  EXPECT_EQ(item.repetition_min, 1);
  EXPECT_EQ(item.repetition_max, 2);
  ASSERT_EQ(item.subkeys.size(), 2U);
  EXPECT_EQ(item.subkeys[0].name, "AppID");
  EXPECT_EQ(item.subkeys[0].presence, schema::Presence::kRequired);
  EXPECT_EQ(item.subkeys[1].range_min, 0.0);
  const schema::Key& labels = key("Labels");
  ASSERT_EQ(labels.subkeys.size(), 1U);
  EXPECT_TRUE(labels.subkeys[0].is_any_name());
  EXPECT_EQ(labels.subkeys[0].type, ValueType::kString);
}

TEST_F(JsonSchemaManifestTest, WhatIsNotExpressedIsListedAndNoted) {
  const std::vector<std::string> expected = {"format 'date-time' at Started", "'anyOf' at Either"};
  EXPECT_EQ(schema.not_expressed, expected);
  ASSERT_EQ(diagnostics.all().size(), 2U) << listed(diagnostics);
  EXPECT_EQ(diagnostics.all()[0].code, DiagnosticCode::PC0044);
  EXPECT_EQ(diagnostics.all()[0].span.begin.line, 38U);
  EXPECT_EQ(diagnostics.all()[1].span.begin.line, 39U);
}

TEST(JsonSchemaManifestDomainTest, WithoutPreferenceDomainTheFileNameIsTheDomain) {
  Diagnostics diagnostics;
  auto schema = read_json_schema_manifest(R"({"title": "T", "properties": {"A": {"type": "boolean"}}})",
                                          "vendor/com.example.tool.json", diagnostics);
  ASSERT_TRUE(schema.has_value()) << listed(diagnostics);
  EXPECT_EQ(schema->payload_type, "com.example.tool");
  EXPECT_TRUE(diagnostics.empty());
  // Google Keystone's schema: the title is the domain as the app spells it.
  auto keystone = read_json_schema_manifest(
      R"({"title": "com.google.Keystone", "properties": {"A": {"type": "integer", "enum": [0, 1], "enum_titles": [0, 1]}}})",
      "vendor/com.google.keystone.json", diagnostics);
  ASSERT_TRUE(keystone.has_value()) << listed(diagnostics);
  EXPECT_EQ(keystone->payload_type, "com.google.Keystone");
  EXPECT_TRUE(keystone->not_expressed.empty());  // enum_titles beside enum is presentation
  auto other = read_json_schema_manifest(R"({"title": "Keystone", "properties": {}})",
                                         "vendor/com.google.keystone.json", diagnostics);
  ASSERT_TRUE(other.has_value()) << listed(diagnostics);
  EXPECT_EQ(other->payload_type, "com.google.keystone");
}

// --- constructs of public Jamf schemas (tests/manifest/data/jamf/
// com.example.realworld.json, ours): read, with a note for what is not
// checked, never refused ----------------------------------------------------

class RealWorldJsonManifestTest : public ReadJsonManifestTest {
 protected:
  void SetUp() override { ASSERT_NO_FATAL_FAILURE(read("jamf/com.example.realworld.json", "realworld.json")); }
};

TEST_F(RealWorldJsonManifestTest, ReadsWithNotesAndNoError) {
  EXPECT_FALSE(diagnostics.has_errors()) << listed(diagnostics);
  for (const Diagnostic& d : diagnostics.all()) EXPECT_EQ(d.code, DiagnosticCode::PC0044) << listed(diagnostics);
  const std::vector<std::string> expected = {
      "'pattern' at DeferDays, which is no string: not checked",
      "an 'enum' at Mixed with a value that is no string: its values are not checked",
      "'pattern' at Host, not a regular expression profilec can run: '(?i)^[a-z]+$'",
      "a '$ref' at Chain.Next inside the definition it names: its type is not checked",
      "'$ref' at Remote to no definition of this manifest ('https://x.test/r.json'): its type is not checked",
  };
  EXPECT_EQ(schema.not_expressed, expected);
}

TEST_F(RealWorldJsonManifestTest, NotConfiguredOrConfiguredIsTheConfiguredSchema) {
  // Jamf's anyOf [null, schema]: every key of such schemas was PC0041 ("no
  // 'type'"), which stopped every run of the folder.
  EXPECT_EQ(key("AutoLock").type, ValueType::kInteger);
  EXPECT_EQ(key("AutoLock").title, "Auto-lock minutes");  // the key's, not the branch's "Configured"
  EXPECT_EQ(key("AutoLock").range_max, 1440.0);
  EXPECT_EQ(key("AutoLock").default_value, schema::Scalar(std::int64_t{15}));
  EXPECT_EQ(key("Channel").allowed_values, (std::vector<schema::Scalar>{std::string("Prod"), std::string("EAR")}));
  EXPECT_EQ(key("DeferDays").type, ValueType::kInteger);
  EXPECT_EQ(key("DeferDays").format, "");
}

TEST_F(RealWorldJsonManifestTest, WhatIsLeftOutIsAnyValue) {
  const schema::Key& blocked = key("Blocked");
  ASSERT_EQ(blocked.subkeys.size(), 1U);
  EXPECT_EQ(blocked.subkeys[0].type, ValueType::kAny);  // "items": {}
  EXPECT_EQ(key("Deadline").type, ValueType::kDate);
  EXPECT_EQ(key("Level").allowed_values,
            (std::vector<schema::Scalar>{std::int64_t{1}, std::int64_t{2}}));  // null is "not set"
  EXPECT_TRUE(key("Mixed").allowed_values.empty());
  EXPECT_EQ(key("Host").format, "");
}

TEST_F(RealWorldJsonManifestTest, AStarPropertyIsAnyKey) {
  // Chrome's ExtensionSettings keyed "*" (every other extension) and by
  // extension ID: each ID was PC1002.
  const schema::Key& extensions = key("Extensions");
  ASSERT_EQ(extensions.subkeys.size(), 1U);
  const schema::Key& any = extensions.subkeys[0];
  EXPECT_TRUE(any.is_any_name());
  EXPECT_EQ(any.type, ValueType::kDictionary);  // no type, but properties
  ASSERT_EQ(any.subkeys.size(), 1U);
  EXPECT_EQ(any.subkeys[0].allowed_values.size(), 2U);
}

TEST_F(RealWorldJsonManifestTest, ARefToTheManifestsDefinitionsIsThatDefinition) {
  // NoMAD's shares (Jamf-Custom-Profile-Schemas): "$ref":
  // "#/definitions/Options", inside a Configured branch and in array items;
  // such keys were any value with a note each.
  const schema::Key& home = key("HomeMount");
  ASSERT_EQ(home.type, ValueType::kDictionary);
  const schema::Key* options = find_key(home.subkeys, "Options");
  ASSERT_NE(options, nullptr);
  EXPECT_EQ(options->type, ValueType::kArray);
  EXPECT_EQ(options->description, "Mount options");
  ASSERT_EQ(options->subkeys.size(), 1U);
  EXPECT_EQ(options->subkeys[0].allowed_values.size(), 2U);
  const schema::Key& shares = key("Shares");
  ASSERT_EQ(shares.subkeys.size(), 1U);
  const schema::Key* share_options = find_key(shares.subkeys[0].subkeys, "Options");
  ASSERT_NE(share_options, nullptr);
  EXPECT_EQ(share_options->type, ValueType::kArray);
  // A definition that names itself is read once; inside, any value.
  const schema::Key& chain = key("Chain");
  EXPECT_EQ(chain.title, "Chain");
  ASSERT_EQ(chain.type, ValueType::kDictionary);
  const schema::Key* next = find_key(chain.subkeys, "Next");
  ASSERT_NE(next, nullptr);
  EXPECT_EQ(next->type, ValueType::kAny);
  // A reference out of the manifest is not followed.
  EXPECT_EQ(key("Remote").type, ValueType::kAny);
}

struct BadJson {
  const char* name;
  const char* text;
  DiagnosticCode code;
  std::uint32_t line;
  std::uint32_t column;
  const char* message;
};

class MalformedJsonSchemaManifestTest : public ::testing::TestWithParam<BadJson> {};

TEST_P(MalformedJsonSchemaManifestTest, IsReportedAtItsPlace) {
  const BadJson& bad = GetParam();
  Diagnostics diagnostics;
  EXPECT_FALSE(read_json_schema_manifest(bad.text, "com.example.bad.json", diagnostics).has_value());
  ASSERT_TRUE(diagnostics.has_errors());
  const Diagnostic& first = diagnostics.all().front();
  EXPECT_EQ(first.code, bad.code) << listed(diagnostics);
  EXPECT_EQ(first.span.path_or_empty(), "com.example.bad.json");
  EXPECT_EQ(first.span.begin.line, bad.line) << listed(diagnostics);
  EXPECT_EQ(first.span.begin.column, bad.column) << listed(diagnostics);
  EXPECT_NE(first.message.find(bad.message), std::string::npos) << first.message;
}

INSTANTIATE_TEST_SUITE_P(
    Errors, MalformedJsonSchemaManifestTest,
    ::testing::Values(BadJson{"syntax", "{\n  \"properties\": {,}\n}", DiagnosticCode::PC0040, 2, 18, ""},
                      BadJson{"not_an_object", "\n[1, 2]", DiagnosticCode::PC0045, 2, 1, "is an object"},
                      BadJson{"no_properties", "{\"title\": \"x\"}", DiagnosticCode::PC0041, 1, 1, "no 'properties'"},
                      BadJson{"properties_not_object", "{\"properties\": []}", DiagnosticCode::PC0042, 1, 16,
                              "'properties' must be an object"},
                      BadJson{"unknown_type", "{\"properties\": {\n  \"A\": {\"type\": \"strng\"}}}",
                              DiagnosticCode::PC0042, 2, 17, "unknown type 'strng' at A"},
                      BadJson{"minimum_type",
                              "{\"properties\": {\"A\": {\"type\": \"integer\",\n  \"minimum\": \"1\"}}}",
                              DiagnosticCode::PC0042, 2, 14, "'minimum' must be a number"},
                      BadJson{"required_names_nothing",
                              "{\"required\": [\"B\"], \"properties\": {\"A\": {\"type\": \"string\"}}}",
                              DiagnosticCode::PC0042, 1, 15, "'required' names no property"},
                      BadJson{"bad_domain", "{\"__preferencedomain\": 5, \"properties\": {}}", DiagnosticCode::PC0042,
                              1, 24, "'__preferencedomain' must be a non-empty string"},
                      BadJson{"max_items_type",
                              "{\"properties\": {\"A\": {\"type\": \"array\", \"items\": {\"type\": \"string\"},\n"
                              "  \"maxItems\": 1.5}}}",
                              DiagnosticCode::PC0042, 2, 15, "'maxItems' must be an integer"}),
    [](const auto& param_info) { return std::string(param_info.param.name); });

}  // namespace
}  // namespace profilec::manifest
