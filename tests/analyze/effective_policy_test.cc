// The effective policy (compiler/analyze/effective_policy.h): which profiles
// a device receives and the value each key ends up with.
#include "analyze/effective_policy.h"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "analyze/value_compare.h"
#include "support/pipeline.h"

namespace profilec {
namespace {

std::string restrictions(std::string_view id, std::string_view target, std::string_view keys) {
  return fmt::format(
      "[profile]\nid = \"{}\"\n\n[target]\n{}\n\n[payload.restrictions]\n"
      "type = \"com.apple.applicationaccess\"\n{}\n",
      id, target, keys);
}

struct Fixture {
  testing::PipelineRun run;
  std::vector<const ir::Profile*> profiles;
};

Fixture compile(std::initializer_list<std::pair<std::string, std::string>> files) {
  MemoryFileSystem fs;
  for (const auto& [path, text] : files) fs.add_file(path, text);
  Fixture f{testing::compile_tree(fs, "repo"), {}};
  for (const CompiledProfile& c : f.run.result.profiles) f.profiles.push_back(&c.profile);
  return f;
}

const analyze::EffectiveSetting* find(const analyze::EffectivePolicy& policy, std::string_view key) {
  for (const auto& s : policy.settings) {
    if (s.key == key) return &s;
  }
  return nullptr;
}

TEST(EffectivePolicyTest, CombinedValuesNameTheWinnerAndWhatTheyOverrode) {
  auto f = compile({{"repo/a.toml", restrictions("com.example.a", "platforms = { iOS = \"17.0\" }",
                                                 "allowCamera = false\nratingApps = 200")},
                    {"repo/b.toml",
                     restrictions("com.example.b", "platforms = { iOS = \"17.0\" }",
                                  "allowCamera = true\nratingApps = 1000\nforceAirDropUnmanaged = true")}});
  const auto schemas = schema::SchemaSet::embedded();
  const auto policy = analyze::effective_policy(f.profiles, schemas, analyze::Device{});
  EXPECT_EQ(policy.profiles.size(), 2u);
  const auto* camera = find(policy, "allowCamera");
  ASSERT_NE(camera, nullptr);
  EXPECT_EQ(analyze::describe_value(camera->value), "false");
  EXPECT_EQ(camera->resolution, analyze::Resolution::kCombined);
  EXPECT_EQ(camera->rule, "boolean-and");
  ASSERT_TRUE(camera->winner.has_value());
  EXPECT_EQ(camera->winner->key_span.path_or_empty(), "repo/a.toml");
  ASSERT_EQ(camera->overridden.size(), 1u);
  EXPECT_EQ(camera->overridden[0].key_span.path_or_empty(), "repo/b.toml");
  const auto* rating = find(policy, "ratingApps");
  ASSERT_NE(rating, nullptr);
  EXPECT_EQ(analyze::describe_value(rating->value), "200");
  const auto* single = find(policy, "forceAirDropUnmanaged");
  ASSERT_NE(single, nullptr);
  EXPECT_EQ(single->resolution, analyze::Resolution::kSingle);
  EXPECT_TRUE(single->overridden.empty());
}

TEST(EffectivePolicyTest, OnlyProfilesForTheDeviceCount) {
  auto f = compile({{"repo/a.toml", restrictions("com.example.a", "platforms = { iOS = \"17.0\" }\nsupervised = true",
                                                 "allowCamera = false")},
                    {"repo/b.toml",
                     restrictions("com.example.b", "platforms = { macOS = \"14.0\" }", "allowCamera = true")}});
  const auto schemas = schema::SchemaSet::embedded();
  analyze::Device unsupervised_ios;
  EXPECT_TRUE(analyze::effective_policy(f.profiles, schemas, unsupervised_ios).profiles.empty());
  analyze::Device mac{schema::Platform::kMacOS, false, ir::Enrollment::kDevice};
  const auto policy = analyze::effective_policy(f.profiles, schemas, mac);
  ASSERT_EQ(policy.profiles.size(), 1u);
  EXPECT_EQ(analyze::describe_value(find(policy, "allowCamera")->value), "true");
}

TEST(EffectivePolicyTest, APlatformThatLacksAPayloadTypeDoesNotReceiveTheProfile) {
  // Every platform by target; the TCC payload exists only on macOS.
  auto f = compile({{"repo/a.toml",
                     "[profile]\nid = \"com.example.a\"\n\n[payload.restrictions]\n"
                     "type = \"com.apple.applicationaccess\"\nallowCamera = false\n\n"
                     "[payload.privacy]\ntype = \"com.apple.TCC.configuration-profile-policy\"\n"
                     "Services = {}\n"},
                    {"repo/b.toml",
                     "[profile]\nid = \"com.example.b\"\n\n[payload.restrictions]\n"
                     "type = \"com.apple.applicationaccess\"\nallowCamera = true\n"}});
  ASSERT_EQ(f.profiles.size(), 2u) << f.run.rendered();
  const auto schemas = schema::SchemaSet::embedded();
  analyze::Device ios{schema::Platform::kIOS, true, ir::Enrollment::kDevice};
  const auto on_ios = analyze::effective_policy(f.profiles, schemas, ios);
  ASSERT_EQ(on_ios.profiles.size(), 1u);
  EXPECT_EQ(on_ios.profiles[0]->source_path, "repo/b.toml");
  analyze::Device mac{schema::Platform::kMacOS, true, ir::Enrollment::kDevice};
  EXPECT_EQ(analyze::effective_policy(f.profiles, schemas, mac).profiles.size(), 2u);
}

TEST(EffectivePolicyTest, WithoutAMergeRuleTheResultIsUndefined) {
  auto f = compile({{"repo/a.toml", restrictions("com.example.a", "", "allowCamera = false")},
                    {"repo/b.toml", restrictions("com.example.b", "", "allowCamera = true")}});
  const auto schemas = schema::SchemaSet::embedded();
  analyze::Device mac{schema::Platform::kMacOS, true, ir::Enrollment::kDevice};
  const auto effective = analyze::effective_policy(f.profiles, schemas, mac);  // outlives `camera`
  const auto* camera = find(effective, "allowCamera");
  ASSERT_NE(camera, nullptr);
  EXPECT_EQ(camera->resolution, analyze::Resolution::kUndefined);
}

}  // namespace
}  // namespace profilec
