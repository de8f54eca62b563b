#include "base/repository_boundary.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace profilec {
namespace {

namespace fs = std::filesystem;

// A repository in memory: repo/ with a policy folder, a certificate, an
// in-repository link and links out of it.
MemoryFileSystem repository() {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", "");
  files.add_file("repo/certs/ca.cer", "DER");
  files.add_file("repo/.git/config", "[http] extraheader = AUTHORIZATION: basic c2VjcmV0");
  files.add_file("outside/key.pem", "-----BEGIN PRIVATE KEY-----");
  files.add_file("/proc/self/environ", "SIGNING_P12_PASSWORD=hunter2");
  files.add_symlink("repo/certs/icon.png", "/proc/self/environ");
  files.add_symlink("repo/certs/key.pem", "../../outside/key.pem");
  files.add_symlink("repo/certs/same.cer", "ca.cer");
  files.add_symlink("repo/linked", "certs");
  files.add_symlink("repo/away", "../outside");
  return files;
}

TEST(RepositoryBoundaryTest, DataFilesInsideTheRepositoryAreAllowedAlsoThroughLinksThatStayInside) {
  const MemoryFileSystem files = repository();
  EXPECT_EQ(check_data_file(files, "repo/certs/ca.cer", "repo").verdict, BoundaryCheck::kInside);
  EXPECT_EQ(check_data_file(files, "repo/certs/same.cer", "repo").verdict, BoundaryCheck::kInside);
  EXPECT_EQ(check_data_file(files, "repo/linked/ca.cer", "repo").verdict, BoundaryCheck::kInside);
  EXPECT_EQ(check_data_file(files, "repo/linked/ca.cer", "repo").real, "/memory/repo/certs/ca.cer");
}

TEST(RepositoryBoundaryTest, DataFilesLeadingOutsideAreRefusedWhateverTheSpelling) {
  const MemoryFileSystem files = repository();
  // The issue's attack: a committed link to the environment of the build.
  const BoundaryCheck icon = check_data_file(files, "repo/certs/icon.png", "repo");
  EXPECT_EQ(icon.verdict, BoundaryCheck::kOutside);
  EXPECT_EQ(icon.real, "/proc/self/environ");
  EXPECT_EQ(check_data_file(files, "repo/certs/key.pem", "repo").verdict, BoundaryCheck::kOutside);
  EXPECT_EQ(check_data_file(files, "repo/away/key.pem", "repo").verdict, BoundaryCheck::kOutside);
  EXPECT_EQ(check_data_file(files, "outside/key.pem", "repo").verdict, BoundaryCheck::kOutside);
  EXPECT_EQ(check_data_file(files, "/proc/self/environ", "repo").verdict, BoundaryCheck::kOutside);
  // By spelling alone, even when nothing is there.
  EXPECT_EQ(check_data_file(files, "../missing", "").verdict, BoundaryCheck::kOutside);
  EXPECT_EQ(check_data_file(files, "/etc/missing", "").verdict, BoundaryCheck::kOutside);
  // With the current directory as the root, the same attack.
  EXPECT_EQ(check_data_file(files, "repo/certs/icon.png", "").verdict, BoundaryCheck::kOutside);
}

TEST(RepositoryBoundaryTest, FoldersHiddenFilesAndMissingFilesAreToldApart) {
  const MemoryFileSystem files = repository();
  EXPECT_EQ(check_data_file(files, "repo/certs", "repo").verdict, BoundaryCheck::kNotRegular);
  EXPECT_EQ(check_data_file(files, "repo", "repo").verdict, BoundaryCheck::kNotRegular);
  EXPECT_EQ(check_data_file(files, "repo/.git/config", "repo").verdict, BoundaryCheck::kHidden);
  const BoundaryCheck missing = check_data_file(files, "repo/certs/missing.cer", "repo");
  EXPECT_EQ(missing.verdict, BoundaryCheck::kUnresolved);
  EXPECT_EQ(missing.error, "no such file or directory");
}

TEST(RepositoryBoundaryTest, InputsAreRefusedOnlyWhenTheyLeadOutside) {
  MemoryFileSystem files = repository();
  files.add_symlink("repo/policies/env.toml", "/proc/self/environ");
  files.add_file("repo/policies/ok.toml", "");
  files.add_symlink("repo/policies/alias.toml", "ok.toml");
  EXPECT_EQ(check_input_file(files, "repo/policies/env.toml", "repo").verdict, BoundaryCheck::kOutside);
  EXPECT_EQ(check_input_file(files, "repo/policies/ok.toml", "repo").verdict, BoundaryCheck::kInside);
  EXPECT_EQ(check_input_file(files, "repo/policies/alias.toml", "repo").verdict, BoundaryCheck::kInside);
  // Missing or a loop: left to the reader, which says why.
  files.add_symlink("repo/policies/loop.toml", "loop.toml");
  EXPECT_EQ(check_input_file(files, "repo/policies/loop.toml", "repo").verdict, BoundaryCheck::kInside);
  EXPECT_EQ(check_input_file(files, "repo/policies/none.toml", "repo").verdict, BoundaryCheck::kInside);
}

TEST(RepositoryBoundaryTest, BelowComparesWholeNames) {
  EXPECT_TRUE(is_below("/repo/a", "/repo"));
  EXPECT_TRUE(is_below("/repo", "/repo"));
  EXPECT_FALSE(is_below("/repository/a", "/repo"));
  EXPECT_FALSE(is_below("/", "/repo"));
  EXPECT_TRUE(is_below("/anything", "/"));
}

// The same decisions on the disk, with real links, a FIFO and /proc.
class DiskBoundaryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/profilec-boundary-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
    fs::create_directories(dir_ + "/repo/certs");
    fs::create_directories(dir_ + "/outside");
    std::ofstream(dir_ + "/repo/certs/ca.cer") << "DER";
    std::ofstream(dir_ + "/outside/key.pem") << "KEY";
    fs::create_symlink("/proc/self/environ", dir_ + "/repo/certs/icon.png");
    fs::create_symlink("../../outside/key.pem", dir_ + "/repo/certs/key.pem");
    fs::create_symlink("ca.cer", dir_ + "/repo/certs/same.cer");
    ASSERT_EQ(::mkfifo((dir_ + "/repo/certs/fifo").c_str(), 0600), 0);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string dir_;
  DiskFileSystem disk_;
};

TEST_F(DiskBoundaryTest, ResolveFollowsLinksAndSaysWhatIsThere) {
  auto same = disk_.resolve(dir_ + "/repo/certs/same.cer");
  ASSERT_TRUE(same.has_value()) << same.error().message;
  EXPECT_EQ(same->real, fs::canonical(dir_).string() + "/repo/certs/ca.cer");
  EXPECT_EQ(same->kind, PathKind::kFile);
  auto fifo = disk_.resolve(dir_ + "/repo/certs/fifo");
  ASSERT_TRUE(fifo.has_value());
  EXPECT_EQ(fifo->kind, PathKind::kOther);
  auto missing = disk_.resolve(dir_ + "/repo/none");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().message, "no such file or directory");
}

TEST_F(DiskBoundaryTest, TheIssuesLinksAreRefusedAndInRepositoryLinksAllowed) {
  const std::string root = dir_ + "/repo";
  const BoundaryCheck icon = check_data_file(disk_, root + "/certs/icon.png", root);
  EXPECT_EQ(icon.verdict, BoundaryCheck::kOutside);
  EXPECT_EQ(icon.real.rfind("/proc/", 0), 0u) << icon.real;
  EXPECT_EQ(check_data_file(disk_, root + "/certs/key.pem", root).verdict, BoundaryCheck::kOutside);
  EXPECT_EQ(check_data_file(disk_, root + "/certs/same.cer", root).verdict, BoundaryCheck::kInside);
  EXPECT_EQ(check_data_file(disk_, root + "/certs/fifo", root).verdict, BoundaryCheck::kNotRegular);
  EXPECT_EQ(check_input_file(disk_, root + "/certs/icon.png", root).verdict, BoundaryCheck::kOutside);
  EXPECT_EQ(check_input_file(disk_, root + "/certs/same.cer", root).verdict, BoundaryCheck::kInside);
}

TEST_F(DiskBoundaryTest, ProcIsNotARegularFileEvenInsideARootAtSlash) {
  // /proc files stat as regular files of size 0.
  EXPECT_EQ(check_data_file(disk_, "/proc/self/environ", "/").verdict, BoundaryCheck::kNotRegular);
  EXPECT_EQ(check_data_file(disk_, "/dev/null", "/").verdict, BoundaryCheck::kNotRegular);
}

}  // namespace
}  // namespace profilec
