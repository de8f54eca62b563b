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
  EXPECT_THAT(*files.list_files("repo"),
              ElementsAre("repo/out/added.toml", "repo/out/old.toml", "repo/profilec.toml"));
  ASSERT_FALSE(files.write_file_atomically("repo/written.toml", "w").has_value());
  EXPECT_EQ(*files.read_file("repo/written.toml"), "w");
  EXPECT_EQ(below.kind("repo/written.toml"), PathKind::kMissing);
}

}  // namespace
}  // namespace profilec
