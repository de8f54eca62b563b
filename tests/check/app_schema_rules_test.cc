// The schema and target rules on app preference domains (docs/app-schemas.md):
// with the test manifests of tests/manifest/data/ loaded, as a payload whose
// type is the domain and inside Custom Settings; without them, nothing.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "diag/render_human.h"
#include "manifest/app_schema_folders.h"
#include "project/compile.h"
#include "support/manifest_data.h"
#include "support/pipeline.h"

namespace profilec::check {
namespace {

std::string read_data(const std::string& name) { return testing::read_manifest_data(name); }

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// The embedded schemas with the test manifests `names` (of
// tests/manifest/data/) loaded as one folder.
schema::SchemaSet with_manifests(std::initializer_list<std::string_view> names) {
  MemoryFileSystem files;
  for (std::string_view name : names) {
    const std::string file(name.substr(name.find('/') + 1));
    files.add_file("apps/" + file, read_data(std::string(name)));
  }
  schema::SchemaSet schemas = schema::SchemaSet::embedded();
  manifest::AppSchemaLoader loader(files, schemas, {});
  Diagnostics findings;
  EXPECT_EQ(loader.add_folder("apps", findings), std::nullopt);
  EXPECT_FALSE(findings.has_errors());
  return schemas;
}

const schema::SchemaSet& app_schemas() {
  static const schema::SchemaSet set = with_manifests({"pfm/com.example.browser.plist", "jamf/com.example.updater.json",
                                                       "pfm/com.example.realworld.plist",
                                                       "pfm/com.example.realworld2.plist"});
  return set;
}

struct AppRun {
  std::vector<std::string> codes;
  std::vector<Diagnostic> diagnostics;
  std::string rendered;
};

AppRun compile(const std::string& text, const schema::SchemaSet& schemas) {
  MemoryFileSystem files;
  files.add_file("policies/test.toml", text);
  MapEnvironment environment;
  CompileInputs inputs{files, environment, SecretMode::kPlaceholder, &schemas};
  inputs.expiry.now = testing::kTestNow;
  SourceMap sources;
  const CompileResult result = compile_policies({PolicyInput{"policies/test.toml", "test", true}}, inputs, sources);
  AppRun run;
  for (const Diagnostic& d : result.diagnostics.all()) {
    run.codes.emplace_back(info(d.code).id);
    run.diagnostics.push_back(d);
    run.rendered += render_human(d, sources);
  }
  return run;
}

constexpr std::string_view kMacTarget = "[target]\nplatforms = { macOS = \"14.0\" }\n";

std::string direct(std::string_view type, std::string_view keys) {
  return fmt::format("[profile]\nid = \"com.example.x\"\n{}\n[payload.app]\ntype = \"{}\"\n{}\n", kMacTarget, type,
                     keys);
}

// Custom Settings with `level` (Forced, Set-Once, Often) of `domain`.
std::string custom(std::string_view domain, std::string_view level, std::string_view settings) {
  return fmt::format(
      "[profile]\nid = \"com.example.x\"\n{}\n[payload.prefs]\ntype = \"com.apple.ManagedClient.preferences\"\n\n"
      "[[payload.prefs.PayloadContent.\"{}\".{}]]\nmcx_preference_settings = {{ {} }}\n",
      kMacTarget, domain, level, settings);
}

TEST(AppSchemaRulesTest, ADirectPayloadIsCheckedAgainstItsManifest) {
  const std::string good = "Channel = \"Stable\"\nSigninMode = 2\nCacheSizeMB = 100";
  EXPECT_THAT(compile(direct("com.example.browser", good), app_schemas()).codes, IsEmpty())
      << compile(direct("com.example.browser", good), app_schemas()).rendered;
  const AppRun bad = compile(direct("com.example.browser",
                                    "Channel = \"Nightly\"\nSigninMode = \"two\"\nCacheSizeMB = 5\nSigninMood = 1\n"
                                    "HomepageLocation = \"http://x\"\nBlockedURLs = [\"a\", \"b\", \"c\", \"d\"]"),
                             app_schemas());
  EXPECT_THAT(bad.codes, ElementsAre("PC1002", "PC1004", "PC1003", "PC1005", "PC1006", "PC1009")) << bad.rendered;
  EXPECT_EQ(bad.diagnostics[1].span.begin.line, 8U) << "at Channel's value";
  EXPECT_NE(bad.diagnostics[0].help.find("did you mean 'SigninMode'"), std::string::npos) << bad.diagnostics[0].help;
}

// A manifest lags its app: a key it does not list is a note, unless it is a
// typo of a listed key (an error) or near one (a warning). Against Apple's
// data an unlisted key is a warning.
TEST(AppSchemaRulesTest, AKeyTheManifestDoesNotListIsANoteAndATypoAnError) {
  const AppRun unlisted = compile(direct("com.example.browser", "Channel = \"Beta\"\nPrivacySandboxPrompt = true"),
                                  app_schemas());
  ASSERT_THAT(unlisted.codes, ElementsAre("PC1002")) << unlisted.rendered;
  EXPECT_EQ(unlisted.diagnostics[0].severity, Severity::kNote) << unlisted.rendered;
  const AppRun typo = compile(direct("com.example.browser", "Channel = \"Beta\"\nSigninMod = 1"), app_schemas());
  ASSERT_THAT(typo.codes, ElementsAre("PC1002")) << typo.rendered;
  EXPECT_EQ(typo.diagnostics[0].severity, Severity::kError) << typo.rendered;
  // Two edits from SigninMode: a warning with its "did you mean".
  const AppRun near = compile(direct("com.example.browser", "Channel = \"Beta\"\nSigninMood = 1"), app_schemas());
  ASSERT_THAT(near.codes, ElementsAre("PC1002")) << near.rendered;
  EXPECT_EQ(near.diagnostics[0].severity, Severity::kWarning) << near.rendered;
  const AppRun apple = compile(direct("com.apple.applicationaccess", "allowCamera = true\nallowHologramDeck = true"),
                               app_schemas());
  ASSERT_THAT(apple.codes, ElementsAre("PC1002")) << apple.rendered;
  EXPECT_EQ(apple.diagnostics[0].severity, Severity::kWarning) << apple.rendered;
}

TEST(AppSchemaRulesTest, RequiredKeysAndTargetFactsApply) {
  const AppRun missing = compile(direct("com.example.browser", "SigninMode = 1"), app_schemas());
  EXPECT_THAT(missing.codes, ElementsAre("PC1008")) << missing.rendered;
  // NewFeature: macOS 14.0 and supervised; the target is macOS 14 but not supervised.
  const AppRun supervised = compile(direct("com.example.browser", "Channel = \"Beta\"\nNewFeature = true"),
                                    app_schemas());
  EXPECT_THAT(supervised.codes, ElementsAre("PC2008")) << supervised.rendered;
  const AppRun deprecated = compile(direct("com.example.browser", "Channel = \"Beta\"\nLegacySync = true"),
                                    app_schemas());
  EXPECT_THAT(deprecated.codes, ElementsAre("PC2005")) << deprecated.rendered;
  const AppRun ios = compile(
      fmt::format("[profile]\nid = \"com.example.x\"\n[target]\nplatforms = {{ iOS = \"17.0\" }}\n\n[payload.app]\n"
                  "type = \"com.example.browser\"\nChannel = \"Beta\"\n"),
      app_schemas());
  EXPECT_THAT(ios.codes, ElementsAre("PC2001")) << "the manifest is macOS only\n" << ios.rendered;
}

TEST(AppSchemaRulesTest, AJsonSchemaManifestChecksToo) {
  EXPECT_THAT(
      compile(direct("com.example.updater", "ChannelName = \"Beta\"\nCheckFrequency = 120"), app_schemas()).codes,
      IsEmpty());
  const AppRun bad = compile(direct("com.example.updater",
                                    "ChannelName = \"Insider\"\nCheckFrequency = 5\nManifestServer = \"not a url\"\n"
                                    "Applications = [{ Deadline = 3 }]"),
                             app_schemas());
  EXPECT_THAT(bad.codes, ElementsAre("PC1004", "PC1005", "PC1007", "PC1008")) << bad.rendered;
}

TEST(AppSchemaRulesTest, CustomSettingsAreCheckedPerDomainAtTheKey) {
  // Apple's schema of com.apple.ManagedClient.preferences names Forced and
  // Set-Once; Often is its PC1002 (as before app schemas), so it is left out here.
  for (std::string_view level : {"Forced", "Set-Once"}) {
    const AppRun good = compile(custom("com.example.browser", level, "Channel = \"Stable\", SigninMode = 0"),
                                app_schemas());
    EXPECT_THAT(good.codes, IsEmpty()) << level << "\n" << good.rendered;
    const AppRun bad = compile(custom("com.example.browser", level, "Channel = \"Stable\", SigninMode = 7"),
                               app_schemas());
    ASSERT_THAT(bad.codes, ElementsAre("PC1004")) << level << "\n" << bad.rendered;
    EXPECT_EQ(bad.diagnostics[0].span.begin.line, 10U);
    EXPECT_NE(bad.diagnostics[0].message.find("mcx_preference_settings.SigninMode"), std::string::npos)
        << bad.diagnostics[0].message;
  }
  const AppRun typo = compile(custom("com.example.updater", "Forced", "ChannelName = \"Beta\", CheckFrequncy = 120"),
                              app_schemas());
  EXPECT_THAT(typo.codes, ElementsAre("PC1002")) << typo.rendered;
}

// Settings an admin really writes for `domain` are no finding, as a payload
// of that type and in Custom Settings (`custom_good`, when given); `bad`
// ones still give `codes`.
void expect_real_settings(std::string_view domain, const std::string& good, const std::string& custom_good,
                          const std::string& bad, const std::vector<std::string>& codes,
                          const schema::SchemaSet& schemas) {
  const AppRun direct_run = compile(direct(domain, good), schemas);
  EXPECT_THAT(direct_run.codes, IsEmpty()) << direct_run.rendered;
  if (!custom_good.empty()) {
    const AppRun custom_run = compile(custom(domain, "Forced", custom_good), schemas);
    EXPECT_THAT(custom_run.codes, IsEmpty()) << custom_run.rendered;
  }
  const AppRun bad_run = compile(direct(domain, bad), schemas);
  EXPECT_EQ(bad_run.codes, codes) << bad_run.rendered;
}

// The constructs of real manifests (com.example.realworld.plist): the
// settings an admin really writes are no finding; a wrong value still is.
TEST(AppSchemaRulesTest, RealManifestConstructsAcceptRealSettings) {
  const std::string good =
      "\"Update.DaysBeforeQuit\" = 3\n"
      "Apps = { \"/Applications/Other.app\" = { \"App ID\" = \"OTHER9\", Locale = 1033 } }\n"
      "Vendors = { \"0x05ac\" = { permission = [\"read\"] } }\n"
      "Exclusions = [{ \"$type\" = \"excludedPath\", path = \"/tmp\" }]\n"
      "Mixed = \"anything\"\nServerName = \"Host_1\"\nUntyped = 5\nLabel = \"x\"";
  expect_real_settings("com.example.realworld", good,
                       "\"Update.DaysBeforeQuit\" = 3, Apps = { \"/Applications/Other.app\" = { Locale = 1033 } }",
                       "\"Update.DaysBeforeQuit\" = 0\n"
                       "Apps = { \"/Applications/Other.app\" = { Locale = 2 } }\n"
                       "Vendors = { \"0x05ac\" = { permission = [\"write\"] } }\n"
                       "Exclusions = [{ \"$type\" = \"excludedPath\", pth = \"/tmp\" }]",
                       {"PC1005", "PC1004", "PC1004", "PC1002"}, app_schemas());
}

// The constructs of the third pass (com.example.realworld2.plist): a range
// bound written as a string, a range list that allows a custom value, an
// array with two item definitions and the closed keys of Firefox's
// Permissions.
TEST(AppSchemaRulesTest, ThirdPassConstructsAcceptRealSettings) {
  const std::string good =
      "RefreshMs = 120000\nCacheSize = 5000000\nOtherBrowser = \"/Applications/Foo.app\"\nMode = \"on\"\n"
      "Bookmarks = [{ name = \"Docs\", url = \"https://example.com\" }, { toplevel_name = \"Work\" }]\n"
      "Proxy = [{ Mode = \"direct\" }, { Server = \"proxy:8080\" }]\n"
      "Permissions = { Camera = { BlockNewRequests = true } }\n"
      "DnsOverHttps = { ProviderURL = \"https://dns.example.com\" }";
  expect_real_settings("com.example.realworld2", good,
                       "RefreshMs = 120000, Permissions = { Camera = { BlockNewRequests = true } }",
                       "RefreshMs = 10\nMode = \"maybe\"\n"
                       "Permissions = { Camrea = { BlockNewRequests = true } }\n"
                       "DnsOverHttps = { Enabled = false }",
                       {"PC1005", "PC1004", "PC1002", "PC1008"}, app_schemas());
}

// The constructs of the public Jamf schemas (jamf/com.example.realworld.json,
// alone: its domain is that of pfm/com.example.realworld.plist): an
// anyOf of null and the schema checks the schema; "*" takes any key.
TEST(AppSchemaRulesTest, JamfSchemaConstructsAcceptRealSettings) {
  static const schema::SchemaSet jamf = with_manifests({"jamf/com.example.realworld.json"});
  expect_real_settings("com.example.realworld",
                       "AutoLock = 30\nChannel = \"EAR\"\nDeferDays = 7\nBlocked = [\"a\", 1]\n"
                       "Extensions = { abcdef = { installation_mode = \"blocked\" } }\n"
                       "Level = 2\nHost = \"Example\"\n"
                       "Shares = [{ URL = \"smb://fs/home\", Options = [\"MNT_RDONLY\"] }]",
                       "AutoLock = 30, Shares = [{ Options = [\"MNT_RDONLY\"] }]",
                       "AutoLock = 0\nChannel = \"Beta\"\n"
                       "Extensions = { abcdef = { installation_mode = \"maybe\" } }\n"
                       "Shares = [{ URL = \"smb://fs/home\", Options = [\"MNT_RW\"] }]",
                       {"PC1005", "PC1004", "PC1004", "PC1004"}, jamf);
}

TEST(AppSchemaRulesTest, WithoutAnAppSchemaNothingChanges) {
  const schema::SchemaSet embedded = schema::SchemaSet::embedded();
  const std::string bad_keys = "Channel = \"Nightly\"\nSigninMode = \"two\"";
  EXPECT_THAT(compile(direct("com.example.browser", bad_keys), embedded).codes, IsEmpty());
  EXPECT_THAT(compile(custom("com.example.browser", "Forced", "SigninMode = \"two\""), embedded).codes, IsEmpty());
  // A domain without a manifest beside one with.
  EXPECT_THAT(compile(custom("com.example.other", "Forced", "SigninMode = \"two\""), app_schemas()).codes, IsEmpty());
}

}  // namespace
}  // namespace profilec::check
