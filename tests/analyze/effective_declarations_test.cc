// The declarations of the effective policy (analyze/effective_declarations.cc):
// `apply: combined` types merge key by key by their combinetype, other types
// stand alone, and only the policies that reach the device count.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "analyze/effective_policy.h"
#include "support/pipeline.h"

namespace profilec {
namespace {

constexpr std::string_view kSettingsTarget = "platforms = { iOS = \"18.0\", macOS = \"15.0\" }\nsupervised = true";

std::string settings_policy(std::string_view target, std::string_view keys) {
  return fmt::format(
      "[target]\n{}\n\n[declaration.updates]\ntype = \"com.apple.configuration.softwareupdate.settings\"\n{}\n", target,
      keys);
}

struct DeclarationsFixture {
  testing::PipelineRun run;
  std::vector<analyze::PolicyDeclarations> declarations;
};

DeclarationsFixture compile_policies_of(std::initializer_list<std::pair<std::string, std::string>> files) {
  MemoryFileSystem fs;
  for (const auto& [path, text] : files) fs.add_file(path, text);
  DeclarationsFixture f{testing::compile_tree(fs, "repo"), {}};
  EXPECT_FALSE(f.run.result.diagnostics.has_errors());
  for (const CompiledDeclarations& c : f.run.result.declarations)
    f.declarations.push_back({&c.target, &c.declarations});
  return f;
}

const analyze::EffectiveSetting* find_declared(const analyze::EffectivePolicy& policy, std::string_view key) {
  for (const auto& s : policy.declarations) {
    if (s.key == key) return &s;
  }
  return nullptr;
}

analyze::EffectivePolicy effective_for(const DeclarationsFixture& f, schema::Platform platform,
                                       bool supervised = true) {
  static const schema::SchemaSet kSchemas = schema::SchemaSet::embedded();
  analyze::Device device;
  device.platform = platform;
  device.supervised = supervised;
  return analyze::effective_policy({}, kSchemas, device, f.declarations);
}

TEST(EffectiveDeclarationsTest, ACombinedTypeMergesEachKeyByItsCombinetype) {
  auto f = compile_policies_of({{"repo/a.toml", settings_policy(kSettingsTarget,
                                                                "Notifications = true\n"
                                                                "AutomaticActions = { Download = \"AlwaysOn\" }\n"
                                                                "Deferrals = { MajorPeriodInDays = 30 }\n")},
                                {"repo/b.toml", settings_policy(kSettingsTarget,
                                                                "Notifications = false\n"
                                                                "AutomaticActions = { Download = \"Allowed\" }\n"
                                                                "Deferrals = { MajorPeriodInDays = 60 }\n")}});
  ASSERT_EQ(f.declarations.size(), 2U);
  const auto policy = effective_for(f, schema::Platform::kIOS);
  EXPECT_EQ(policy.declaration_sources, (std::vector<std::string>{"repo/a.toml", "repo/b.toml"}));

  const auto* notifications = find_declared(policy, "Notifications");
  ASSERT_NE(notifications, nullptr);
  EXPECT_EQ(notifications->payload, "com.apple.configuration.softwareupdate.settings");
  EXPECT_EQ(notifications->resolution, analyze::Resolution::kCombined);
  EXPECT_EQ(notifications->rule, "boolean-and");
  EXPECT_FALSE(notifications->value.boolean());
  ASSERT_TRUE(notifications->winner);
  EXPECT_EQ(notifications->winner->key_span.path_or_empty(), "repo/b.toml");
  ASSERT_EQ(notifications->overridden.size(), 1U);
  EXPECT_EQ(notifications->overridden[0].key_span.path_or_empty(), "repo/a.toml");

  // A dictionary without a combinetype merges by its subkeys.
  const auto* download = find_declared(policy, "AutomaticActions.Download");
  ASSERT_NE(download, nullptr);
  EXPECT_EQ(download->rule, "enum-last");
  EXPECT_EQ(download->value.string(), "AlwaysOn");  // later than "Allowed" in Apple's list
  EXPECT_EQ(download->winner->key_span.path_or_empty(), "repo/a.toml");

  const auto* major = find_declared(policy, "Deferrals.MajorPeriodInDays");
  ASSERT_NE(major, nullptr);
  EXPECT_EQ(major->rule, "number-max");
  EXPECT_EQ(major->value.integer(), 60);
}

TEST(EffectiveDeclarationsTest, TheSameValueIsSingleAndAKeyOfOnePolicyStandsAlone) {
  auto f = compile_policies_of(
      {{"repo/a.toml", settings_policy(kSettingsTarget, "Notifications = true\nRecommendedCadence = \"Newest\"\n")},
       {"repo/b.toml", settings_policy(kSettingsTarget, "Notifications = true\n")}});
  const auto policy = effective_for(f, schema::Platform::kMacOS);
  const auto* notifications = find_declared(policy, "Notifications");
  ASSERT_NE(notifications, nullptr);
  EXPECT_EQ(notifications->resolution, analyze::Resolution::kSingle);
  EXPECT_TRUE(notifications->overridden.empty());
  const auto* cadence = find_declared(policy, "RecommendedCadence");
  ASSERT_NE(cadence, nullptr);
  EXPECT_EQ(cadence->resolution, analyze::Resolution::kSingle);
  EXPECT_EQ(cadence->value.string(), "Newest");
}

TEST(EffectiveDeclarationsTest, OnlyPoliciesThatReachTheDeviceCount) {
  auto f = compile_policies_of({{"repo/a.toml", settings_policy(kSettingsTarget, "Notifications = true\n")},
                                {"repo/b.toml", settings_policy("platforms = { macOS = \"15.0\" }\nsupervised = true",
                                                                "Notifications = false\n")}});
  const auto ios = effective_for(f, schema::Platform::kIOS);
  EXPECT_EQ(ios.declaration_sources, (std::vector<std::string>{"repo/a.toml"}));
  const auto* notifications = find_declared(ios, "Notifications");
  ASSERT_NE(notifications, nullptr);
  EXPECT_TRUE(notifications->value.boolean());
  EXPECT_EQ(notifications->resolution, analyze::Resolution::kSingle);
  // An unsupervised device receives neither (both targets say supervised).
  EXPECT_TRUE(effective_for(f, schema::Platform::kIOS, /*supervised=*/false).declarations.empty());
  // tvOS has no software update settings declaration, and neither target names it.
  EXPECT_TRUE(effective_for(f, schema::Platform::kTvOS).declaration_sources.empty());
}

TEST(EffectiveDeclarationsTest, OtherTypesAreListedPerDeclarationAndAssetsAreLeftOut) {
  auto f = compile_policies_of(
      {{"repo/a.toml",
        "[target]\nplatforms = { iOS = \"17.0\" }\n\n"
        "[declaration.passcode]\ntype = \"com.apple.configuration.passcode.settings\"\nMinimumLength = 6\n\n"
        "[declaration.jane]\ntype = \"com.apple.asset.useridentity\"\nFullName = \"Jane\"\n"},
       {"repo/b.toml",
        "[target]\nplatforms = { iOS = \"17.0\" }\n\n"
        "[declaration.passcode]\ntype = \"com.apple.configuration.passcode.settings\"\nMinimumLength = 8\n"}});
  const auto policy = effective_for(f, schema::Platform::kIOS, /*supervised=*/false);
  std::vector<std::string> names;
  for (const auto& s : policy.declarations) names.push_back(s.payload + " " + s.key);
  // passcode.settings is `apply: combined` in Apple's data: one entry, merged.
  const auto* length = find_declared(policy, "MinimumLength");
  ASSERT_NE(length, nullptr) << ::testing::PrintToString(names);
  EXPECT_EQ(length->rule, "number-max");
  EXPECT_EQ(length->value.integer(), 8);
  EXPECT_EQ(find_declared(policy, "FullName"), nullptr) << "an asset is not a setting";
}

}  // namespace
}  // namespace profilec
