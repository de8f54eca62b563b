// Both ways of making written files durable (base/durable_flush.h), in
// every build: the flush calls themselves, and DiskFileSystem writing with
// each. (Whether the data reached the device cannot be seen from here; what
// is tested is that each way runs, succeeds and reports its failures.)
#include "base/durable_flush.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "base/file_system.h"
#include "base/platform.h"

namespace profilec {
namespace {

namespace fs = std::filesystem;

class DurableFlushTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/profilec-flush-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Writes three files, two in folders the write creates, with `flush`,
  // and checks they hold what was written and nothing else is there.
  void write_and_check(FlushMethod flush) {
    DiskFileSystem disk(flush);
    const std::vector<std::pair<std::string, std::string>> files = {
        {dir_ + "/top.mobileconfig", "top"},
        {dir_ + "/new/a.mobileconfig", "a"},
        {dir_ + "/new/deeper/b.mobileconfig", "b"},
    };
    ASSERT_FALSE(disk.write_files_atomically(files).has_value());
    for (const auto& [path, contents] : files) EXPECT_EQ(*disk.read_file(path), contents) << path;
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& e : fs::recursive_directory_iterator(dir_)) ++entries;
    EXPECT_EQ(entries, 5u);  // three files, two folders: no temporary file left
    // And over what is there now.
    ASSERT_FALSE(disk.write_file_atomically(dir_ + "/new/a.mobileconfig", "again").has_value());
    EXPECT_EQ(*disk.read_file(dir_ + "/new/a.mobileconfig"), "again");
  }

  std::string dir_;
};

TEST_F(DurableFlushTest, FlushesOneFileOrFolder) {
  const std::string file = dir_ + "/file";
  DiskFileSystem disk;
  ASSERT_FALSE(disk.write_file_atomically(file, "bytes").has_value());
  EXPECT_FALSE(flush_one(file).has_value());
  EXPECT_FALSE(flush_one(dir_).has_value());
}

TEST_F(DurableFlushTest, AFlushOfAMissingPathNamesIt) {
  const auto error = flush_one(dir_ + "/missing");
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->path, dir_ + "/missing");
  EXPECT_EQ(error->message, "no such file or directory");
  const auto whole = flush_file_system(dir_ + "/missing");
  ASSERT_TRUE(whole.has_value());
  EXPECT_EQ(whole->path, dir_ + "/missing");
}

TEST_F(DurableFlushTest, FlushesTheFileSystemWhereSyncfsExists) {
  const auto error = flush_file_system(dir_);
  if (linux_calls_available()) {
    EXPECT_FALSE(error.has_value()) << error->message;
  } else {
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->message, "syncfs is not available here");
  }
}

TEST_F(DurableFlushTest, WritesWithAnFsyncOfEachFileAndFolder) { write_and_check(FlushMethod::kEachFile); }

TEST_F(DurableFlushTest, WritesWithOneSyncfsPerFileSystem) {
  if (!linux_calls_available()) GTEST_SKIP() << "syncfs is Linux's";
  write_and_check(FlushMethod::kFileSystem);
}

// kEachFile fsyncs the temporary file before the renames: a failure there
// (here: none, the file system accepts it) would leave every target as it
// was. What can fail is checked: a target whose folder cannot be made.
TEST_F(DurableFlushTest, AWriteThatCannotStartLeavesNothing) {
  for (const FlushMethod flush : {FlushMethod::kEachFile, default_flush_method()}) {
    DiskFileSystem disk(flush);
    ASSERT_FALSE(disk.write_file_atomically(dir_ + "/blocker", "a file, not a folder").has_value());
    const auto error = disk.write_files_atomically({{dir_ + "/ok.mobileconfig", "ok"},
                                                    {dir_ + "/blocker/out.mobileconfig", "no"}});
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->path, dir_ + "/blocker");
    EXPECT_FALSE(fs::exists(dir_ + "/ok.mobileconfig"));
    fs::remove(dir_ + "/blocker");
  }
}

}  // namespace
}  // namespace profilec
