// ProfileManifests -> the schema model: every construct of the test
// manifest tests/manifest/data/pfm/com.example.browser.plist (ours, written
// for these tests), and each malformed-manifest error at its line.
#include "manifest/profile_manifest.h"
#include "support/manifest_data.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace profilec::manifest {
namespace {

std::string read_data(const std::string& name) { return testing::read_manifest_data(name); }
using testing::find_key;
std::string codes(const Diagnostics& diagnostics) { return testing::listed_findings(diagnostics); }

using schema::Platform;
using schema::ValueType;

const schema::PlatformFacts* facts(const schema::OsFacts& os, Platform platform) {
  const auto& slot = os[static_cast<std::size_t>(platform)];
  return slot ? &*slot : nullptr;
}

// One test manifest of tests/manifest/data/, read for each test.
class ReadManifestTest : public ::testing::Test {
 protected:
  void read(const std::string& name, const std::string& path) {
    auto parsed = read_profile_manifest(read_data(name), path, diagnostics);
    ASSERT_TRUE(parsed.has_value()) << codes(diagnostics);
    schema = std::move(*parsed);
  }
  const std::vector<schema::Key>& keys() const { return schema.groups.at(0).keys; }
  const schema::Key& key(const std::string& name) const {
    const schema::Key* found = find_key(keys(), name);
    EXPECT_NE(found, nullptr) << name;
    static const schema::Key kNone;
    return found ? *found : kNone;
  }
  Diagnostics diagnostics;
  schema::PayloadSchema schema;
};

class ProfileManifestTest : public ReadManifestTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(read("pfm/com.example.browser.plist", "pfm/com.example.browser.plist"));
  }
};

TEST_F(ProfileManifestTest, TheManifestDescribesThePayload) {
  EXPECT_EQ(schema.payload_type, "com.example.browser");
  EXPECT_EQ(schema.title, "Example Browser");
  EXPECT_EQ(schema.description, "Settings of the Example Browser");
  EXPECT_EQ(schema.doc_url, "https://example.com/browser/policies");
  EXPECT_EQ(schema.origin, "ProfileManifests");
  EXPECT_EQ(schema.source_path, "pfm/com.example.browser.plist");
  ASSERT_EQ(schema.groups.size(), 1U);
  const auto* mac = facts(schema.groups[0].os, Platform::kMacOS);
  ASSERT_NE(mac, nullptr);
  EXPECT_EQ(mac->introduced, schema::OsVersion::parse("12.0"));
  EXPECT_EQ(facts(schema.groups[0].os, Platform::kIOS), nullptr);  // not in pfm_platforms
}

TEST_F(ProfileManifestTest, PayloadKeysAndFormControlsAreLeftToProfilec) {
  EXPECT_EQ(find_key(keys(), "PayloadDisplayName"), nullptr);
  EXPECT_EQ(find_key(keys(), "PFC_SegmentedControl_0"), nullptr);
  EXPECT_EQ(keys().size(), 13U);
}

TEST_F(ProfileManifestTest, TypesAllowedValuesRangesAndPatterns) {
  const auto* signin = find_key(keys(), "SigninMode");
  ASSERT_NE(signin, nullptr);
  EXPECT_EQ(signin->type, ValueType::kInteger);
  EXPECT_EQ(signin->title, "Sign-in mode");
  EXPECT_EQ(signin->description, "How users sign in.");
  EXPECT_EQ(signin->default_value, schema::Scalar(std::int64_t{1}));
  EXPECT_EQ(signin->allowed_values, (std::vector<schema::Scalar>{std::int64_t{0}, std::int64_t{1}, std::int64_t{2}}));
  const auto* channel = find_key(keys(), "Channel");
  ASSERT_NE(channel, nullptr);
  EXPECT_EQ(channel->presence, schema::Presence::kRequired);
  EXPECT_EQ(channel->allowed_values, (std::vector<schema::Scalar>{std::string("Stable"), std::string("Beta")}));
  const auto* cache = find_key(keys(), "CacheSizeMB");
  ASSERT_NE(cache, nullptr);
  EXPECT_EQ(cache->range_min, 10.0);
  EXPECT_EQ(cache->range_max, 500.0);
  const auto* zoom = find_key(keys(), "ZoomFactor");
  ASSERT_NE(zoom, nullptr);
  EXPECT_EQ(zoom->type, ValueType::kReal);
  EXPECT_EQ(zoom->range_min, 0.5);
  EXPECT_EQ(zoom->range_max, 3.0);
  EXPECT_EQ(find_key(keys(), "HomepageLocation")->format, "^https://");
  EXPECT_EQ(find_key(keys(), "ExportedAt")->type, ValueType::kDate);
  EXPECT_EQ(find_key(keys(), "Token")->type, ValueType::kData);
}

TEST_F(ProfileManifestTest, ArraysDictionariesAndMaps) {
  const auto* blocked = find_key(keys(), "BlockedURLs");
  ASSERT_NE(blocked, nullptr);
  EXPECT_EQ(blocked->type, ValueType::kArray);
  ASSERT_EQ(blocked->subkeys.size(), 1U);
  EXPECT_EQ(blocked->subkeys[0].type, ValueType::kString);
  EXPECT_EQ(blocked->subkeys[0].repetition_max, 3);
  EXPECT_EQ(blocked->subkeys[0].repetition_min, std::nullopt);
  const auto* proxy = find_key(keys(), "Proxy");
  ASSERT_NE(proxy, nullptr);
  ASSERT_EQ(proxy->subkeys.size(), 2U);
  EXPECT_EQ(proxy->subkeys[0].name, "Mode");
  EXPECT_EQ(proxy->subkeys[0].presence, schema::Presence::kRequired);
  EXPECT_EQ(proxy->subkeys[1].type, ValueType::kInteger);
  // A dictionary child without pfm_name: any key (a map by extension ID).
  const auto* extensions = find_key(keys(), "ExtensionSettings");
  ASSERT_NE(extensions, nullptr);
  ASSERT_EQ(extensions->subkeys.size(), 1U);
  EXPECT_TRUE(extensions->subkeys[0].is_any_name());
  ASSERT_EQ(extensions->subkeys[0].subkeys.size(), 1U);
  EXPECT_EQ(extensions->subkeys[0].subkeys[0].name, "installation_mode");
}

TEST_F(ProfileManifestTest, DeprecationMinimumVersionsAndSupervision) {
  const auto* legacy = facts(find_key(keys(), "LegacySync")->os, Platform::kMacOS);
  ASSERT_NE(legacy, nullptr);
  EXPECT_EQ(legacy->deprecated, schema::OsVersion::since_first());
  const auto* feature = facts(find_key(keys(), "NewFeature")->os, Platform::kMacOS);
  ASSERT_NE(feature, nullptr);
  EXPECT_EQ(feature->introduced, schema::OsVersion::parse("14.0"));
  EXPECT_EQ(feature->supervised, true);
  EXPECT_EQ(facts(find_key(keys(), "Channel")->os, Platform::kMacOS), nullptr);  // inherits the manifest's
}

TEST_F(ProfileManifestTest, WhatIsNotExpressedIsListedAndNoted) {
  const std::vector<std::string> expected = {
      "pfm_unique at the manifest",
      "pfm_app_min at Token",
      "pfm_exclude at Token",
      "pfm_require = 'push' at PushOnly",
  };
  EXPECT_EQ(schema.not_expressed, expected);
  ASSERT_EQ(diagnostics.all().size(), expected.size()) << codes(diagnostics);
  for (const Diagnostic& d : diagnostics.all()) {
    EXPECT_EQ(d.code, DiagnosticCode::PC0044);
    EXPECT_EQ(d.severity, Severity::kNote);
    EXPECT_TRUE(d.span.begin.known());
  }
  EXPECT_EQ(diagnostics.all()[0].span.begin.line, 22U);  // <key>pfm_unique</key>
}

TEST(ProfileManifestRootTest, APlistThatIsNoDictionaryIsNoManifest) {
  Diagnostics diagnostics;
  EXPECT_FALSE(read_profile_manifest("<plist version=\"1.0\">\n<array/>\n</plist>\n", "a.plist", diagnostics));
  ASSERT_EQ(diagnostics.all().size(), 1U);
  EXPECT_EQ(diagnostics.all()[0].code, DiagnosticCode::PC0045);
  EXPECT_EQ(diagnostics.all()[0].span.begin.line, 2U);
}

// --- constructs of real manifests (tests/manifest/data/pfm/
// com.example.realworld.plist, ours): read, with a note for what is not
// checked, never refused ----------------------------------------------------

class RealWorldManifestTest : public ReadManifestTest {
 protected:
  void SetUp() override { ASSERT_NO_FATAL_FAILURE(read("pfm/com.example.realworld.plist", "realworld.plist")); }
};

TEST_F(RealWorldManifestTest, ReadsWithNotesAndNoError) {
  EXPECT_FALSE(diagnostics.has_errors()) << codes(diagnostics);
  for (const Diagnostic& d : diagnostics.all()) EXPECT_EQ(d.code, DiagnosticCode::PC0044) << codes(diagnostics);
  const std::vector<std::string> expected = {
      "pfm_targets at the manifest",
      "the 2 dictionaries of one shape under Apps, read as examples of a map: any key is taken",
      "no pfm_type at Vendors.{{value}}: read as dictionary (it has pfm_subkeys)",
      "pfm_exclude at Exclusions.item.path",
      "no pfm_type at Untyped: its type is not checked",
      "pfm_range_list at Mixed, with a value that is no string: its values are not checked",
      "pfm_format at ServerName, not a regular expression profilec can run: '(?i)^[a-z0-9.-]+$'",
      "pfm_subkeys on Label, a string",
      "pfm_type_input at Logging",
  };
  EXPECT_EQ(schema.not_expressed, expected);
}

TEST_F(RealWorldManifestTest, DottedAndPathNamesAreKeyNames) {
  const auto* days = find_key(keys(), "Update.DaysBeforeQuit");
  ASSERT_NE(days, nullptr);
  EXPECT_EQ(days->type, ValueType::kInteger);
  EXPECT_EQ(days->range_min, 1.0);
  const auto* exclusions = find_key(keys(), "Exclusions");
  ASSERT_NE(exclusions, nullptr);
  ASSERT_EQ(exclusions->subkeys.size(), 1U);
  EXPECT_EQ(exclusions->subkeys[0].type, ValueType::kDictionary);
  EXPECT_NE(find_key(exclusions->subkeys[0].subkeys, "$type"), nullptr);
}

TEST_F(RealWorldManifestTest, TypesInAnyCaseAndTabControlsOfAnyName) {
  // Firefox's manifest writes pfm_type "Boolean", "String", ...; its tab
  // controls (pfm_segments, required) are named General_SegmentedControl,
  // not PFC_*: a form control, never a preference a profile must set.
  const auto* enabled = find_key(keys(), "Enabled");
  ASSERT_NE(enabled, nullptr);
  EXPECT_EQ(enabled->type, ValueType::kBoolean);
  EXPECT_EQ(find_key(keys(), "General_SegmentedControl"), nullptr);
}

TEST_F(RealWorldManifestTest, ExampleEntriesAndKeyValueChildrenAreMaps) {
  const auto* apps = find_key(keys(), "Apps");
  ASSERT_NE(apps, nullptr);
  ASSERT_EQ(apps->subkeys.size(), 1U);
  const schema::Key& app = apps->subkeys[0];
  EXPECT_TRUE(app.is_any_name());
  EXPECT_EQ(app.type, ValueType::kDictionary);
  ASSERT_EQ(app.subkeys.size(), 2U);
  EXPECT_TRUE(app.subkeys[0].allowed_values.empty());  // EDIT1 here, VIEW1/VIEW2 there: a new app's is unknown
  EXPECT_EQ(app.subkeys[1].allowed_values, std::vector<schema::Scalar>{std::int64_t{1033}});  // the same in each
  const auto* vendors = find_key(keys(), "Vendors");
  ASSERT_NE(vendors, nullptr);
  ASSERT_EQ(vendors->subkeys.size(), 1U);
  const schema::Key& vendor = vendors->subkeys[0];
  EXPECT_TRUE(vendor.is_any_name());
  EXPECT_EQ(vendor.type, ValueType::kDictionary);  // no pfm_type, named pfm_subkeys
  ASSERT_NE(find_key(vendor.subkeys, "permission"), nullptr);
  EXPECT_EQ(find_key(vendor.subkeys, "permission")->subkeys.at(0).allowed_values.size(), 2U);
}

TEST_F(RealWorldManifestTest, WhatCannotBeCheckedIsLeftUnchecked) {
  EXPECT_EQ(find_key(keys(), "Untyped")->type, ValueType::kAny);
  EXPECT_TRUE(find_key(keys(), "Mixed")->allowed_values.empty());
  EXPECT_EQ(find_key(keys(), "ServerName")->format, "");
  EXPECT_EQ(find_key(keys(), "Label")->type, ValueType::kString);
  EXPECT_TRUE(find_key(keys(), "Label")->subkeys.empty());
  EXPECT_EQ(find_key(keys(), "ForcedUpdateDate")->type, ValueType::kDate);
}

// --- a third pass (Chrome, Firefox: tests/manifest/data/pfm/
// com.example.realworld2.plist, ours) -----------------------------------------

class RealWorld2ManifestTest : public ReadManifestTest {
 protected:
  void SetUp() override { ASSERT_NO_FATAL_FAILURE(read("pfm/com.example.realworld2.plist", "realworld2.plist")); }
};

TEST_F(RealWorld2ManifestTest, ReadsWithNotesAndNoError) {
  EXPECT_FALSE(diagnostics.has_errors()) << codes(diagnostics);
  for (const Diagnostic& d : diagnostics.all()) EXPECT_EQ(d.code, DiagnosticCode::PC0044) << codes(diagnostics);
  const std::vector<std::string> expected = {
      "pfm_range_min at RefreshMs written as a string: read as the number 60000",
      "pfm_range_max at CacheSize is no number: not checked",
      "pfm_range_list at OtherBrowser allows a custom value: its values are suggestions, not checked",
      "the 2 item definitions of the array Bookmarks, read as one dictionary with the keys of each",
      "the 2 item definitions of the array Proxy, not all dictionaries: its items are not checked",
      "pfm_deprecated at AllowPopups is no boolean ('82'): not checked",
      "pfm_require = 'always' at DnsOverHttps.Enabled, which has a pfm_default: not required",
  };
  EXPECT_EQ(schema.not_expressed, expected);
}

TEST_F(RealWorld2ManifestTest, ABoundWrittenAsAStringIsTheNumberItSpells) {
  // Chrome's PolicyRefreshRate: pfm_range_min <string>1800000</string>.
  // It stopped every run (PC0042); now the number, and a bound that is no
  // number leaves that side unchecked.
  EXPECT_EQ(key("RefreshMs").range_min, 60000.0);
  EXPECT_EQ(key("RefreshMs").range_max, 86400000.0);
  EXPECT_EQ(key("CacheSize").range_min, 0.0);
  EXPECT_FALSE(key("CacheSize").range_max.has_value());
}

TEST_F(RealWorld2ManifestTest, AListThatAllowsACustomValueIsNoLimit) {
  // Chrome's AlternativeBrowserPath: ${safari}, ${firefox}, ... or a path.
  EXPECT_TRUE(key("OtherBrowser").allowed_values.empty());
  EXPECT_EQ(key("Mode").allowed_values.size(), 2U);  // allow_custom_value false: the list holds
}

TEST_F(RealWorld2ManifestTest, SeveralItemDefinitionsAreAlternatives) {
  // Chrome's ManagedBookmarks: a bookmark {name, url} or the folder's
  // {toplevel_name}; the second definition was dropped, so every
  // toplevel_name was PC1002.
  const schema::Key& bookmarks = key("Bookmarks");
  ASSERT_EQ(bookmarks.subkeys.size(), 1U);
  const schema::Key& item = bookmarks.subkeys[0];
  EXPECT_EQ(item.type, ValueType::kDictionary);
  ASSERT_EQ(item.subkeys.size(), 3U);
  EXPECT_EQ(item.subkeys[0].name, "name");
  EXPECT_EQ(item.subkeys[0].type, ValueType::kString);  // the first definition of 'name' wins
  EXPECT_EQ(item.subkeys[1].name, "url");
  EXPECT_EQ(item.subkeys[2].name, "toplevel_name");
  // Named columns (Chrome's ProxySettings): what an item is, is unclear.
  const schema::Key& proxy = key("Proxy");
  ASSERT_EQ(proxy.subkeys.size(), 1U);
  EXPECT_EQ(proxy.subkeys[0].type, ValueType::kAny);
  // One definition, named: still the array's item.
  const schema::Key& urls = key("StartupURLs");
  ASSERT_EQ(urls.subkeys.size(), 1U);
  EXPECT_EQ(urls.subkeys[0].type, ValueType::kString);
}

TEST_F(RealWorld2ManifestTest, AFlagThatIsNoBooleanIsNotSet) {
  // Edge's manifest writes pfm_deprecated as the app version it came in
  // ("82"): it stopped every run (PC0042); now a note, and not deprecated.
  // An OS version left empty is no version.
  const schema::Key& popups = key("AllowPopups");
  EXPECT_EQ(popups.type, ValueType::kBoolean);
  EXPECT_EQ(facts(popups.os, Platform::kMacOS), nullptr);
}

TEST_F(RealWorld2ManifestTest, ARequiredKeyWithADefaultIsNotRequired) {
  // Firefox's DNSOverHTTPS.Enabled: pfm_require always and a default, but
  // the policy may leave it out (the default applies).
  const schema::Key& dns = key("DnsOverHttps");
  ASSERT_EQ(dns.subkeys.size(), 2U);
  EXPECT_EQ(dns.subkeys[0].presence, schema::Presence::kUnstated);
  EXPECT_EQ(dns.subkeys[1].presence, schema::Presence::kRequired);  // no default: required still
}

TEST_F(RealWorld2ManifestTest, DictionariesOfOneShapeWithFixedNamesAreKeys) {
  // Firefox's Permissions (Camera, Microphone, ...): the keys themselves,
  // not examples of a map, so a misspelt Camrea is found.
  const schema::Key& permissions = key("Permissions");
  ASSERT_EQ(permissions.subkeys.size(), 2U);
  EXPECT_EQ(permissions.subkeys[0].name, "Camera");
  EXPECT_EQ(permissions.subkeys[1].name, "Microphone");
  EXPECT_FALSE(permissions.subkeys[0].is_any_name());
}

// --- malformed manifests: each error at its place ---------------------------

constexpr std::string_view kHead =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<plist version=\"1.0\">\n"
    "<dict>\n";

struct BadManifest {
  const char* name;
  std::string body;  // after kHead (line 4 on)
  DiagnosticCode code;
  std::uint32_t line;
  const char* message;
};

class MalformedProfileManifestTest : public ::testing::TestWithParam<BadManifest> {};

std::string key_def(const std::string& fields) {
  return "<key>pfm_domain</key><string>com.example.bad</string>\n"
         "<key>pfm_subkeys</key>\n<array>\n<dict>\n" +
         fields + "\n</dict>\n</array>\n</dict>\n</plist>\n";
}

TEST_P(MalformedProfileManifestTest, IsReportedAtItsLine) {
  const BadManifest& bad = GetParam();
  Diagnostics diagnostics;
  const auto schema = read_profile_manifest(std::string(kHead) + bad.body, "bad.plist", diagnostics);
  EXPECT_FALSE(schema.has_value());
  ASSERT_TRUE(diagnostics.has_errors());
  const Diagnostic& first = diagnostics.all().front();
  EXPECT_EQ(first.code, bad.code) << codes(diagnostics);
  EXPECT_EQ(first.span.path_or_empty(), "bad.plist");
  EXPECT_EQ(first.span.begin.line, bad.line) << codes(diagnostics);
  EXPECT_NE(first.message.find(bad.message), std::string::npos) << first.message;
}

INSTANTIATE_TEST_SUITE_P(
    Errors, MalformedProfileManifestTest,
    ::testing::Values(
        BadManifest{"not_xml", "<key>pfm_domain</key><string>x</strin>\n</dict></plist>\n", DiagnosticCode::PC0040, 4,
                    ""},
        BadManifest{"no_pfm_keys", "<key>Foo</key><true/>\n</dict></plist>\n", DiagnosticCode::PC0045, 3,
                    "no ProfileManifests manifest"},
        BadManifest{"no_domain", "<key>pfm_title</key><string>x</string>\n</dict></plist>\n", DiagnosticCode::PC0041, 3,
                    "no 'pfm_domain'"},
        BadManifest{"domain_not_string", "<key>pfm_domain</key><integer>1</integer>\n</dict></plist>\n",
                    DiagnosticCode::PC0042, 4, "'pfm_domain' must be a non-empty string"},
        BadManifest{"unknown_type",
                    key_def("<key>pfm_name</key><string>Foo</string>\n<key>pfm_type</key><string>strnig</string>"),
                    DiagnosticCode::PC0042, 9, "unknown pfm_type 'strnig'"},
        BadManifest{"name_not_string", key_def("<key>pfm_name</key><integer>3</integer>"), DiagnosticCode::PC0042, 8,
                    "'pfm_name' must be a string"},
        BadManifest{"repetition_min_type",
                    key_def("<key>pfm_name</key><string>Foo</string>\n<key>pfm_type</key><string>array</string>\n"
                            "<key>pfm_repetition_min</key><string>1</string>"),
                    DiagnosticCode::PC0042, 10, "'pfm_repetition_min' must be an integer"},
        BadManifest{"bad_version",
                    key_def("<key>pfm_name</key><string>Foo</string>\n<key>pfm_type</key><string>string</string>\n"
                            "<key>pfm_macos_min</key><string>fourteen</string>"),
                    DiagnosticCode::PC0042, 10, "'pfm_macos_min' must be an OS version"},
        BadManifest{"bad_platform",
                    "<key>pfm_domain</key><string>com.example.bad</string>\n"
                    "<key>pfm_platforms</key><array><string>macos</string></array>\n</dict></plist>\n",
                    DiagnosticCode::PC0042, 5, "must be one of iOS, macOS"},
        BadManifest{"subkeys_not_array",
                    "<key>pfm_domain</key><string>com.example.bad</string>\n"
                    "<key>pfm_subkeys</key><dict/>\n</dict></plist>\n",
                    DiagnosticCode::PC0042, 5, "'pfm_subkeys' must be an array"},
        BadManifest{"title_not_string",
                    key_def("<key>pfm_name</key><string>Foo</string>\n<key>pfm_type</key><string>string</string>\n"
                            "<key>pfm_title</key><true/>"),
                    DiagnosticCode::PC0042, 10, "'pfm_title' must be a string"}),
    [](const auto& param_info) { return std::string(param_info.param.name); });

}  // namespace
}  // namespace profilec::manifest
