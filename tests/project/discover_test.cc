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

}  // namespace
}  // namespace profilec
