#include "project/discover.h"

#include <gtest/gtest.h>

namespace profilec {
namespace {

TEST(DiscoverTest, WalksFoldersForTomlAndMirrorsTheirLayout) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", "");
  files.add_file("repo/policies/ios/restrictions.toml", "");
  files.add_file("repo/policies/macos/restrictions.toml", "");
  files.add_file("repo/certs/ca.cer", "");
  files.add_file("repo/.github/x.toml", "");
  auto found = discover_policies(files, {"repo/"});
  ASSERT_TRUE(found.has_value());
  ASSERT_EQ(found->size(), 2u);
  EXPECT_EQ((*found)[0].path, "repo/policies/ios/restrictions.toml");
  EXPECT_EQ((*found)[0].output_name, "policies/ios/restrictions");
  EXPECT_EQ((*found)[1].output_name, "policies/macos/restrictions");
  EXPECT_FALSE((*found)[0].named_explicitly);
}

TEST(DiscoverTest, ExcludedFoldersAreSkippedInWalksButNotWhenNamed) {
  MemoryFileSystem files;
  files.add_file("repo/policies/wifi.toml", "");
  files.add_file("repo/out/policies/wifi.mobileconfig", "");
  files.add_file("repo/outside.mobileconfig", "");
  files.add_file("repo/output/x.mobileconfig", "");  // a sibling whose name starts the same: kept
  for (const char* written : {"repo/out", "./repo/out/", "repo/policies/../out"}) {
    auto found = discover_policies(files, {"repo"}, {written});
    ASSERT_TRUE(found.has_value());
    std::vector<std::string> paths;
    for (const PolicyInput& input : *found) paths.push_back(input.path);
    EXPECT_EQ(paths, (std::vector<std::string>{"repo/output/x.mobileconfig", "repo/outside.mobileconfig",
                                               "repo/policies/wifi.toml"}))
        << written;
  }
  auto named = discover_policies(files, {"repo/out/policies/wifi.mobileconfig"}, {"repo/out"});
  ASSERT_TRUE(named.has_value());
  EXPECT_EQ(named->size(), 1u);
}

TEST(DiscoverTest, NamedFilesAreTakenWhateverTheirExtension) {
  MemoryFileSystem files;
  files.add_file("a/wifi.policy", "");
  auto found = discover_policies(files, {"a/wifi.policy"});
  ASSERT_TRUE(found.has_value());
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].output_name, "wifi");
  EXPECT_TRUE((*found)[0].named_explicitly);
}

TEST(DiscoverTest, AMissingPathIsAnIoError) {
  MemoryFileSystem files;
  auto found = discover_policies(files, {"nope"});
  ASSERT_FALSE(found.has_value());
  EXPECT_EQ(found.error().path, "nope");
}

std::vector<std::string> found_paths(const MemoryFileSystem& files, const std::vector<std::string>& named,
                                     const std::vector<std::string>& exclude = {}) {
  auto found = discover_policies(files, named, exclude);
  EXPECT_TRUE(found.has_value());
  std::vector<std::string> paths;
  if (found) {
    for (const PolicyInput& input : *found) paths.push_back(input.path);
  }
  return paths;
}

TEST(DiscoverTest, ExcludePatternsMatchAPathOrAFolderAboveIt) {
  EXPECT_TRUE(exclude_pattern_matches("out", "out/policies/a.mobileconfig"));
  EXPECT_TRUE(exclude_pattern_matches("out", "out"));
  EXPECT_FALSE(exclude_pattern_matches("out", "output/a.toml"));
  EXPECT_FALSE(exclude_pattern_matches("out", "policies/out.toml"));
  EXPECT_TRUE(exclude_pattern_matches("./out", "out/a.toml"));
  EXPECT_TRUE(exclude_pattern_matches("**/build", "a/b/build/x.toml"));
  EXPECT_TRUE(exclude_pattern_matches("**/build", "build/x.toml"));
  EXPECT_FALSE(exclude_pattern_matches("**/build", "a/builds/x.toml"));
  EXPECT_TRUE(exclude_pattern_matches("vendor/**", "vendor/a/b.toml"));
  EXPECT_FALSE(exclude_pattern_matches("vendor/**", "vendors/a.toml"));
  EXPECT_TRUE(exclude_pattern_matches("policies/*.mobileconfig", "policies/old.mobileconfig"));
  EXPECT_FALSE(exclude_pattern_matches("policies/*.mobileconfig", "policies/ios/old.mobileconfig"));
  EXPECT_TRUE(exclude_pattern_matches("policies/**/*.mobileconfig", "policies/ios/old.mobileconfig"));
  EXPECT_TRUE(exclude_pattern_matches("legacy-?", "legacy-1/a.toml"));
  EXPECT_FALSE(exclude_pattern_matches("legacy-?", "legacy-10/a.toml"));
  EXPECT_TRUE(exclude_pattern_matches("*", "a.toml"));
}

TEST(DiscoverTest, ProjectExcludePatternsAreRelativeToTheProjectFile) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", "exclude = [\"out\", \"**/drafts\"]\n");
  files.add_file("repo/policies/wifi.toml", "");
  files.add_file("repo/policies/drafts/new.toml", "");
  files.add_file("repo/out/wifi.mobileconfig", "");
  files.add_file("repo/policies/out/kept.toml", "");  // "out" is anchored at the project's folder
  EXPECT_EQ(found_paths(files, {"repo"}),
            (std::vector<std::string>{"repo/policies/out/kept.toml", "repo/policies/wifi.toml"}));
  // The same from inside the folder, and named files are never skipped.
  EXPECT_EQ(found_paths(files, {"repo/policies"}),
            (std::vector<std::string>{"repo/policies/out/kept.toml", "repo/policies/wifi.toml"}));
  EXPECT_EQ(found_paths(files, {"repo/out/wifi.mobileconfig"}),
            (std::vector<std::string>{"repo/out/wifi.mobileconfig"}));
  // A nearer profilec.toml replaces the farther one, its patterns too.
  files.add_file("repo/policies/profilec.toml", "");
  EXPECT_EQ(found_paths(files, {"repo"}),
            (std::vector<std::string>{"repo/policies/drafts/new.toml", "repo/policies/out/kept.toml",
                                      "repo/policies/wifi.toml"}));
}

TEST(DiscoverTest, FoldersThatBuildWroteAreSkippedInWalks) {
  MemoryFileSystem files;
  files.add_file("repo/policies/wifi.toml", "");
  files.add_file("repo/anywhere/deeper/wifi.mobileconfig", "");
  files.add_file(std::string("repo/anywhere/") + std::string(kOutputMarkerName), "");
  files.add_file("repo/other/wifi.mobileconfig", "");
  EXPECT_EQ(found_paths(files, {"repo"}),
            (std::vector<std::string>{"repo/other/wifi.mobileconfig", "repo/policies/wifi.toml"}));
  // Named on the command line, the output folder is read: it was asked for.
  EXPECT_EQ(found_paths(files, {"repo/anywhere"}),
            (std::vector<std::string>{"repo/anywhere/deeper/wifi.mobileconfig"}));
}

}  // namespace
}  // namespace profilec
