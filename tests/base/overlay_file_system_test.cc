#include "base/overlay_file_system.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace profilec {
namespace {

using ::testing::ElementsAre;

TEST(OverlayFileSystemTest, FilesInFrontHideTheOnesBelowAndWritesStayInFront) {
  MemoryFileSystem below;
  below.add_file("repo/profilec.toml", "below");
  below.add_file("repo/out/old.toml", "old");
  OverlayFileSystem files(below);
  files.add_file("repo/out/old.toml", "new");
  files.add_file("repo/out/added.toml", "added");
  EXPECT_EQ(*files.read_file("repo/out/old.toml"), "new");
  EXPECT_EQ(*files.read_file("repo/profilec.toml"), "below");
  EXPECT_FALSE(files.read_file("repo/missing.toml").has_value());
  EXPECT_EQ(files.kind("repo/out"), PathKind::kDirectory);
  EXPECT_EQ(files.kind("repo/out/added.toml"), PathKind::kFile);
  EXPECT_THAT(*files.list_files("repo"), ElementsAre("repo/out/added.toml", "repo/out/old.toml", "repo/profilec.toml"));
  ASSERT_FALSE(files.write_file_atomically("repo/written.toml", "w").has_value());
  EXPECT_EQ(*files.read_file("repo/written.toml"), "w");
  EXPECT_EQ(below.kind("repo/written.toml"), PathKind::kMissing);
}

TEST(OverlayFileSystemTest, ReadUpToAppliesTheLimitInFrontAndBelow) {
  MemoryFileSystem below;
  below.add_file("big.toml", std::string(100, 'x'));
  OverlayFileSystem files(below);
  files.add_file("front.toml", std::string(50, 'y'));
  EXPECT_EQ(files.read_file_up_to("front.toml", 50)->size(), 50u);
  EXPECT_EQ(files.read_file_up_to("front.toml", 49).error().too_large, std::optional<std::uint64_t>(50));
  EXPECT_EQ(files.read_file_up_to("big.toml", 99).error().too_large, std::optional<std::uint64_t>(100));
  EXPECT_EQ(files.read_file_up_to("big.toml", 100)->size(), 100u);
}

}  // namespace
}  // namespace profilec
