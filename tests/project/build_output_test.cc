#include "project/build_output.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/sha256.h"
#include "support/pipeline.h"

namespace profilec {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::string policy(const std::string& id, bool camera = false) {
  return "[profile]\nid = \"com.example." + id +
         "\"\n[payload.restrictions]\ntype = "
         "\"com.apple.applicationaccess\"\nallowCamera = " +
         (camera ? "true" : "false") + "\n";
}

// Builds repo/ into out/ as `profilec build repo -o out` does, in memory.
OutputPlan build_into_out(MemoryFileSystem& files) {
  auto run = testing::compile_tree(files, "repo", SecretMode::kResolve);
  const PreviousBuild previous = read_previous_build(files, "out", 1);
  OutputPlan plan = plan_output(run.result.profiles, previous, files, "out", ProfileSigning{}, 1);
  EXPECT_EQ(apply_output_plan(files, "out", plan), std::nullopt);
  return plan;
}

TEST(BuildOutputTest, WritesOnlyWhatChangedAndRemovesWhatIsGone) {
  MemoryFileSystem files;
  files.add_file("repo/a.toml", policy("a"));
  files.add_file("repo/b.toml", policy("b"));
  OutputPlan first = build_into_out(files);
  EXPECT_THAT(first.written, ElementsAre("out/a.mobileconfig", "out/b.mobileconfig"));
  EXPECT_EQ(first.writes.size(), 4u);  // two profiles, the marker, the manifest
  ASSERT_TRUE(files.files().contains("out/.profilec-build.json"));
  auto manifest = read_build_manifest(files.files().at("out/.profilec-build.json"));
  ASSERT_TRUE(manifest) << manifest.error();
  ASSERT_EQ(manifest->files.size(), 2u);
  EXPECT_EQ(manifest->files[0].sha256, sha256_hex(files.files().at("out/a.mobileconfig")));

  OutputPlan again = build_into_out(files);
  EXPECT_THAT(again.written, IsEmpty());
  EXPECT_THAT(again.unchanged, ElementsAre("out/a.mobileconfig", "out/b.mobileconfig"));
  EXPECT_THAT(again.writes, IsEmpty());  // not even the manifest

  files.add_file("repo/a.toml", policy("a", true));
  files.add_file("out/mine.mobileconfig", "not build's");
  MemoryFileSystem without_b;
  for (const auto& [path, text] : files.files()) {
    if (path != "repo/b.toml") without_b.add_file(path, text);
  }
  OutputPlan changed = build_into_out(without_b);
  EXPECT_THAT(changed.written, ElementsAre("out/a.mobileconfig"));
  EXPECT_THAT(changed.removed, ElementsAre("out/b.mobileconfig"));
  EXPECT_TRUE(changed.final_manifest.has_value());
  EXPECT_FALSE(without_b.files().contains("out/b.mobileconfig"));
  EXPECT_EQ(without_b.files().at("out/mine.mobileconfig"), "not build's");
  // The manifest written with the profiles still lists b (a build killed
  // before the removal finds it again); the final one does not.
  EXPECT_NE(changed.writes.back().second.find("b.mobileconfig"), std::string::npos);
  EXPECT_EQ(without_b.files().at("out/.profilec-build.json"), *changed.final_manifest);
  EXPECT_EQ(changed.final_manifest->find("b.mobileconfig"), std::string::npos);
}

TEST(BuildOutputTest, WithoutAUsableManifestNothingIsRemoved) {
  MemoryFileSystem files;
  files.add_file("repo/a.toml", policy("a"));
  files.add_file("out/b.mobileconfig", "an older build's");
  EXPECT_EQ(read_previous_build(files, "out", 1).state, PreviousBuild::State::kNoManifest);
  EXPECT_EQ(read_previous_build(files, "elsewhere", 1).state, PreviousBuild::State::kNoFolder);
  files.add_file("out/.profilec-build.json", R"({"format": "profilec-build-manifest", "version": 1, "files": [)"
                                             R"({"name": "b.mobileconfig", "sha256": "x", "made_from": "y"}]})");
  const PreviousBuild previous = read_previous_build(files, "out", 1);
  EXPECT_EQ(previous.state, PreviousBuild::State::kUnusable);
  EXPECT_EQ(previous.why, "the entry at line 1 ('b.mobileconfig') has no valid sha256 and made_from");
  OutputPlan plan = build_into_out(files);
  EXPECT_THAT(plan.written, ElementsAre("out/a.mobileconfig"));
  EXPECT_THAT(plan.removed, IsEmpty());
  EXPECT_EQ(files.files().at("out/b.mobileconfig"), "an older build's");
}

TEST(BuildOutputTest, AFileChangedSinceItWasBuiltIsWrittenOrLeftAlone) {
  MemoryFileSystem files;
  files.add_file("repo/a.toml", policy("a"));
  files.add_file("repo/b.toml", policy("b"));
  build_into_out(files);
  files.add_file("out/a.mobileconfig", "edited");
  files.add_file("out/b.mobileconfig", "edited");
  MemoryFileSystem without_b;
  for (const auto& [path, text] : files.files()) {
    if (path != "repo/b.toml") without_b.add_file(path, text);
  }
  OutputPlan plan = build_into_out(without_b);
  EXPECT_THAT(plan.written, ElementsAre("out/a.mobileconfig"));
  EXPECT_THAT(plan.removed, IsEmpty());
  EXPECT_THAT(plan.left_alone, ElementsAre("out/b.mobileconfig"));
  EXPECT_EQ(without_b.files().at("out/b.mobileconfig"), "edited");
}

TEST(BuildOutputTest, TheManifestIsOwnerOnlyWhenAProfileHoldsASecret) {
  // Its digest of the profile would let a reader test guesses of a weak
  // secret offline.
  MemoryFileSystem files;
  files.add_file("repo/a.toml", policy("a"));
  build_into_out(files);
  EXPECT_EQ(files.access("out/.profilec-build.json"), FileAccess::kShared);
  files.add_file("repo/wifi.toml",
                 "[profile]\nid = \"com.example.wifi\"\n[payload.wifi]\ntype = \"com.apple.wifi.managed\"\n"
                 "SSID_STR = \"Corp\"\nEncryptionType = \"WPA2\"\nPassword = { env = \"PROFILEC_PSK\" }\n");
  auto run = testing::compile_tree(files, "repo", SecretMode::kResolve, {{"PROFILEC_PSK", "weak"}});
  ASSERT_EQ(run.result.profiles.size(), 2u) << run.rendered();
  OutputPlan plan = plan_output(run.result.profiles, read_previous_build(files, "out", 1), files, "out", {}, 1);
  EXPECT_EQ(apply_output_plan(files, "out", plan), std::nullopt);
  EXPECT_THAT(plan.written, ElementsAre("out/wifi.mobileconfig"));
  EXPECT_EQ(files.access("out/wifi.mobileconfig"), FileAccess::kOwnerOnly);
  EXPECT_EQ(files.access("out/.profilec-build.json"), FileAccess::kOwnerOnly);
  // Unchanged, the profile holding the secret is written again (its mode is
  // not checked); the other one is not.
  auto again = testing::compile_tree(files, "repo", SecretMode::kResolve, {{"PROFILEC_PSK", "weak"}});
  OutputPlan second = plan_output(again.result.profiles, read_previous_build(files, "out", 1), files, "out", {}, 1);
  EXPECT_THAT(second.written, ElementsAre("out/wifi.mobileconfig"));
  EXPECT_THAT(second.unchanged, ElementsAre("out/a.mobileconfig"));
}

TEST(BuildOutputTest, ANameThatDiffersOnlyInCaseIsNotRemoved) {
  // On macOS and Windows Wifi.mobileconfig and wifi.mobileconfig are one
  // file: removing the old name would remove the new profile.
  MemoryFileSystem files;
  files.add_file("repo/Wifi.toml", policy("w"));
  build_into_out(files);
  MemoryFileSystem renamed;
  for (const auto& [path, text] : files.files()) {
    if (path != "repo/Wifi.toml") renamed.add_file(path, text);
  }
  renamed.add_file("repo/wifi.toml", policy("w"));
  OutputPlan plan = build_into_out(renamed);
  EXPECT_THAT(plan.written, ElementsAre("out/wifi.mobileconfig"));
  EXPECT_THAT(plan.removed, IsEmpty());
}

}  // namespace
}  // namespace profilec
