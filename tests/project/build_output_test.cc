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

TEST(BuildOutputTest, AnOutputWithTheRecordedStampIsTrustedAndAnyOtherIsHashed) {
  MemoryFileSystem files;
  files.add_file("repo/a.toml", policy("a"));
  files.add_file("repo/b.toml", policy("b"));
  files.add_file("repo/c.toml", policy("c"));
  build_into_out(files);
  auto manifest = read_build_manifest(files.files().at("out/.profilec-build.json"));
  ASSERT_TRUE(manifest) << manifest.error();
  for (const BuildManifestEntry& entry : manifest->files) {
    ASSERT_TRUE(entry.stamp.has_value()) << entry.name;
    EXPECT_EQ(entry.stamp, files.stamp("out/" + entry.name)) << entry.name;
  }
  PreviousBuild previous = read_previous_build(files, "out", 1);
  EXPECT_EQ(previous.trusted, 3u);
  EXPECT_EQ(previous.hashed, 0u);
  EXPECT_EQ(previous.intact.size(), 3u);

  // b rewritten with its own bytes (a new stamp): read, hashed, intact,
  // and its new stamp recorded; c edited: hashed, not intact, written.
  files.add_file("out/b.mobileconfig", std::string(files.files().at("out/b.mobileconfig")));
  files.add_file("out/c.mobileconfig", "edited");
  previous = read_previous_build(files, "out", 1);
  EXPECT_EQ(previous.trusted, 1u);
  EXPECT_EQ(previous.hashed, 2u);
  EXPECT_TRUE(previous.intact.contains("b.mobileconfig"));
  EXPECT_FALSE(previous.intact.contains("c.mobileconfig"));
  OutputPlan plan = build_into_out(files);
  EXPECT_THAT(plan.written, ElementsAre("out/c.mobileconfig"));
  EXPECT_THAT(plan.unchanged, ElementsAre("out/a.mobileconfig", "out/b.mobileconfig"));
  previous = read_previous_build(files, "out", 1);
  EXPECT_EQ(previous.trusted, 3u);
  EXPECT_EQ(files.files().at("out/c.mobileconfig").find("edited"), std::string::npos);
}

// The memory tree with every time cut to a coarse clock, as a disk's
// timestamps are: `tick` counter steps make one tick.
class CoarseClockFiles final : public FileSystem {
 public:
  CoarseClockFiles(MemoryFileSystem& files, std::int64_t tick) : files_(files), tick_(tick) {}
  Expected<std::string, IoError> read_file(const std::string& path) const override { return files_.read_file(path); }
  PathKind kind(const std::string& path) const override { return files_.kind(path); }
  Expected<ResolvedPath, IoError> resolve(const std::string& path) const override { return files_.resolve(path); }
  std::optional<FileStamp> stamp(const std::string& path) const override {
    auto stamp = files_.stamp(path);
    if (stamp) stamp->modified_ns = stamp->changed_ns = stamp->changed_ns / tick_;
    return stamp;
  }
  Expected<std::vector<std::string>, IoError> list_files(const std::string& dir) const override {
    return files_.list_files(dir);
  }
  std::optional<IoError> write_file_atomically(const std::string& path, const std::string& contents,
                                               FileAccess access) override {
    return files_.write_file_atomically(path, contents, access);
  }

 private:
  MemoryFileSystem& files_;
  std::int64_t tick_;
};

TEST(BuildOutputTest, AStampRecordedInTheManifestsOwnClockTickIsNotTrusted) {
  // A file changed within the tick in which build recorded its stamp could
  // keep that stamp (git's racily clean entries): such files are hashed.
  MemoryFileSystem memory;
  memory.add_file("repo/a.toml", policy("a"));
  // The memory clock moves a second at each write: a million seconds make
  // one tick, and the whole build falls in it.
  CoarseClockFiles one_tick(memory, 1'000'000'000'000'000);
  auto run = testing::compile_tree(memory, "repo", SecretMode::kResolve);
  OutputPlan plan = plan_output(run.result.profiles, read_previous_build(one_tick, "out", 1), one_tick, "out", {}, 1);
  ASSERT_EQ(apply_output_plan(one_tick, "out", plan), std::nullopt);
  PreviousBuild previous = read_previous_build(one_tick, "out", 1);
  EXPECT_EQ(previous.trusted, 0u);
  EXPECT_EQ(previous.hashed, 1u);
  EXPECT_TRUE(previous.intact.contains("a.mobileconfig"));
  // On a fine clock the same stamps are trusted.
  MemoryFileSystem fine;
  fine.add_file("repo/a.toml", policy("a"));
  build_into_out(fine);
  EXPECT_EQ(read_previous_build(CoarseClockFiles(fine, 1), "out", 1).trusted, 1u);
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
