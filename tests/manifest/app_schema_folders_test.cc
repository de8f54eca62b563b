// App schema folders: the three formats told apart, a ProfileManifests
// checkout read from its Manifests folder, Apple's schemas kept for
// com.apple.* unless replaced, the first manifest of a domain winning.
#include "manifest/app_schema_folders.h"
#include "support/manifest_data.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace profilec::manifest {
namespace {

std::string pfm(std::string_view domain, std::string_view key) {
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\">\n<dict>\n"
      "<key>pfm_domain</key><string>{}</string>\n<key>pfm_subkeys</key>\n<array>\n"
      "<dict><key>pfm_name</key><string>{}</string><key>pfm_type</key><string>boolean</string></dict>\n"
      "</array>\n</dict>\n</plist>\n",
      domain, key);
}

constexpr std::string_view kProfilecSchema = R"(format = 1
kind = "payload"
payloadtype = "com.example.toml"
title = "From TOML"

[[groups]]
[groups.os.macOS]
introduced = "13.0"

[[groups.keys]]
name = "Enabled"
type = "boolean"
)";

TEST(AppSchemaFoldersTest, ReadsTheThreeFormatsFromOneFolder) {
  MemoryFileSystem files;
  files.add_file("schemas/com.example.pfm.plist", pfm("com.example.pfm", "A"));
  files.add_file("schemas/vendor/com.example.json.json", R"({"properties": {"B": {"type": "string"}}})");
  files.add_file("schemas/com.example.toml.toml", std::string(kProfilecSchema));
  files.add_file("schemas/README.md", "not a schema: other files are left alone");
  auto schemas = schema::SchemaSet::embedded();
  AppSchemaLoader loader(files, schemas, {});
  Diagnostics diagnostics;
  ASSERT_EQ(loader.add_folder("schemas", diagnostics), std::nullopt);
  EXPECT_TRUE(diagnostics.empty());
  EXPECT_EQ(loader.manifests_read(), 2U);
  ASSERT_NE(schemas.find("com.example.pfm"), nullptr);
  EXPECT_EQ(schemas.find("com.example.pfm")->origin, "ProfileManifests");
  ASSERT_NE(schemas.find("com.example.json"), nullptr);
  EXPECT_EQ(schemas.find("com.example.json")->origin, "JSON Schema manifest");
  ASSERT_NE(schemas.find("com.example.toml"), nullptr);
  EXPECT_EQ(schemas.find("com.example.toml")->origin, "profilec schema");
  EXPECT_FALSE(schemas.is_embedded("com.example.pfm"));
  EXPECT_TRUE(schemas.is_embedded("com.apple.wifi.managed"));
}

TEST(AppSchemaFoldersTest, ACheckoutIsReadFromItsManifestsFolder) {
  MemoryFileSystem files;
  files.add_file("ProfileManifests/Manifests/ManagedPreferencesApplications/com.example.a.plist",
                 pfm("com.example.a", "A"));
  files.add_file("ProfileManifests/Manifests/ManifestsApple/com.apple.example.plist", pfm("com.apple.example", "A"));
  files.add_file("ProfileManifests/Templates/not-a-manifest.plist", "<plist version=\"1.0\"><array/></plist>");
  for (const std::string dir : {"ProfileManifests", "ProfileManifests/Manifests"}) {
    auto schemas = schema::SchemaSet::embedded();
    AppSchemaLoader loader(files, schemas, {});
    Diagnostics diagnostics;
    ASSERT_EQ(loader.add_folder(dir, diagnostics), std::nullopt) << dir;
    EXPECT_TRUE(diagnostics.empty()) << dir;
    EXPECT_NE(schemas.find("com.example.a"), nullptr) << dir;
    EXPECT_NE(schemas.find("com.apple.example"), nullptr) << dir << ": Apple's data has no such domain";
  }
}

TEST(AppSchemaFoldersTest, ApplesSchemasWinUnlessReplaced) {
  MemoryFileSystem files;
  files.add_file("m/com.apple.dock.plist", pfm("com.apple.dock", "OnlyInTheManifest"));
  {
    auto schemas = schema::SchemaSet::embedded();
    AppSchemaLoader loader(files, schemas, {});
    Diagnostics diagnostics;
    ASSERT_EQ(loader.add_folder("m", diagnostics), std::nullopt);
    EXPECT_EQ(loader.apple_kept(), 1U);
    ASSERT_NE(schemas.find("com.apple.dock"), nullptr);
    EXPECT_TRUE(schemas.find("com.apple.dock")->origin.empty());
    EXPECT_TRUE(schemas.is_embedded("com.apple.dock"));
  }
  auto schemas = schema::SchemaSet::embedded();
  AppSchemaLoader loader(files, schemas, AppSchemaOptions{true, {}});
  Diagnostics diagnostics;
  ASSERT_EQ(loader.add_folder("m", diagnostics), std::nullopt);
  EXPECT_EQ(loader.apple_kept(), 0U);
  EXPECT_EQ(schemas.find("com.apple.dock")->origin, "ProfileManifests");
  EXPECT_FALSE(schemas.is_embedded("com.apple.dock"));
}

TEST(AppSchemaFoldersTest, TheFirstManifestOfADomainWins) {
  MemoryFileSystem files;
  files.add_file("first/com.example.a.plist", pfm("com.example.a", "First"));
  files.add_file("second/com.example.a.plist", pfm("com.example.a", "Second"));
  auto schemas = schema::SchemaSet::embedded();
  AppSchemaLoader loader(files, schemas, {});
  Diagnostics diagnostics;
  ASSERT_EQ(loader.add_folder("first", diagnostics), std::nullopt);
  ASSERT_EQ(loader.add_folder("second", diagnostics), std::nullopt);
  ASSERT_EQ(diagnostics.all().size(), 1U);
  EXPECT_EQ(diagnostics.all()[0].code, DiagnosticCode::PC0043);
  EXPECT_EQ(diagnostics.all()[0].span.path_or_empty(), "second/com.example.a.plist");
  EXPECT_EQ(diagnostics.all()[0].help, "the first one read is used: first/com.example.a.plist");
  EXPECT_EQ(schemas.find("com.example.a")->groups.at(0).keys.at(0).name, "First");
}

TEST(AppSchemaFoldersTest, ASecondManifestThatChecksTheSameIsNoWarning) {
  // ProfileManifests has two developer test manifests of one domain, alike
  // but for their words: a whole checkout printed PC0043 on every run.
  MemoryFileSystem files;
  std::string integer = pfm("com.example.a", "Value");
  std::string number = integer;
  number.replace(number.find("<key>pfm_domain</key>"), 0, "<key>pfm_title</key><string>Number</string>\n");
  files.add_file("m/com.example.a.integer.plist", integer);
  files.add_file("m/com.example.a.number.plist", number);
  files.add_file("m/com.example.a.other.plist", pfm("com.example.a", "Other"));
  auto schemas = schema::SchemaSet::embedded();
  AppSchemaLoader loader(files, schemas, {});
  Diagnostics diagnostics;
  ASSERT_EQ(loader.add_folder("m", diagnostics), std::nullopt);
  // The one with other keys is still a second manifest.
  ASSERT_EQ(diagnostics.all().size(), 1U) << testing::listed_findings(diagnostics);
  EXPECT_EQ(diagnostics.all()[0].code, DiagnosticCode::PC0043);
  EXPECT_EQ(diagnostics.all()[0].span.path_or_empty(), "m/com.example.a.other.plist");
  EXPECT_EQ(schemas.find("com.example.a")->source_path, "m/com.example.a.integer.plist");
}

TEST(AppSchemaFoldersTest, JsonSchemaManifestsOfOneDomainAddUp) {
  // Jamf's schemas split an app's settings over files of one
  // __preferencedomain (Chrome's extensions, startup, printing, ...): each
  // adds its keys; the first one's definition of a key wins.
  MemoryFileSystem files;
  files.add_file("m/Chrome Extensions.json",
                 R"({"__preferencedomain": "com.example.browser", "properties": {"A": {"type": "string"}}})");
  files.add_file("m/Chrome Startup.json", R"({"__preferencedomain": "com.example.browser",
                 "properties": {"A": {"type": "integer"}, "B": {"type": "boolean"}}})");
  files.add_file("m/com.example.browser.plist", pfm("com.example.browser", "C"));
  auto schemas = schema::SchemaSet::embedded();
  AppSchemaLoader loader(files, schemas, {});
  Diagnostics diagnostics;
  ASSERT_EQ(loader.add_folder("m", diagnostics), std::nullopt);
  const schema::PayloadSchema* merged = schemas.find("com.example.browser");
  ASSERT_NE(merged, nullptr);
  const std::vector<schema::Key>& keys = merged->groups.at(0).keys;
  ASSERT_EQ(keys.size(), 2U);
  EXPECT_EQ(keys[0].name, "A");
  EXPECT_EQ(keys[0].type, schema::ValueType::kString);
  EXPECT_EQ(keys[1].name, "B");
  EXPECT_EQ(merged->source_path, "m/Chrome Extensions.json, m/Chrome Startup.json");
  // A ProfileManifests manifest of the domain is still a second manifest.
  ASSERT_EQ(diagnostics.all().size(), 1U);
  EXPECT_EQ(diagnostics.all()[0].code, DiagnosticCode::PC0043);
  EXPECT_EQ(diagnostics.all()[0].span.path_or_empty(), "m/com.example.browser.plist");
}

TEST(AppSchemaFoldersTest, AMalformedManifestIsReportedAndLeftOut) {
  MemoryFileSystem files;
  files.add_file("m/com.example.bad.json", "{\"properties\": {\"A\": {\"type\": \"strng\"}}}");
  files.add_file("m/com.example.good.plist", pfm("com.example.good", "A"));
  auto schemas = schema::SchemaSet::embedded();
  AppSchemaLoader loader(files, schemas, {});
  Diagnostics diagnostics;
  ASSERT_EQ(loader.add_folder("m", diagnostics), std::nullopt);
  ASSERT_TRUE(diagnostics.has_errors());
  EXPECT_EQ(diagnostics.all()[0].code, DiagnosticCode::PC0042);
  EXPECT_EQ(schemas.find("com.example.bad"), nullptr);
  EXPECT_NE(schemas.find("com.example.good"), nullptr);
}

TEST(AppSchemaFoldersTest, AMissingFolderIsAnError) {
  MemoryFileSystem files;
  auto schemas = schema::SchemaSet::embedded();
  AppSchemaLoader loader(files, schemas, {});
  Diagnostics diagnostics;
  auto error = loader.add_folder("nowhere", diagnostics);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->path, "nowhere");
}

}  // namespace
}  // namespace profilec::manifest
