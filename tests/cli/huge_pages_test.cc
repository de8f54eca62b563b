#include "cli/huge_pages.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include <map>
#include <string>

namespace profilec::cli {
namespace {

constexpr std::string_view kMadvise = "always [madvise] never\n";

HugePages choice(std::map<std::string, std::string> vars, std::string_view thp = kMadvise, bool takes = true,
                 std::size_t files = kHugePagesFromFiles) {
  return huge_pages_choice(MapEnvironment(std::move(vars)), thp, takes, files);
}

// The restart (a second start-up, then huge pages zeroed at first touch)
// pays from about a thousand files on.
TEST(HugePagesTest, OnlyARunOverManyFilesRestarts) {
  EXPECT_EQ(choice({}, kMadvise, true, kHugePagesFromFiles), HugePages::kRestart);
  EXPECT_EQ(choice({}, kMadvise, true, kHugePagesFromFiles - 1), HugePages::kSmall);
  EXPECT_EQ(choice({}, kMadvise, true, 0), HugePages::kSmall);
}

TEST(HugePagesTest, FilesAreCountedBelowFoldersOnlyAndUpToTheLimit) {
  char pattern[] = "/tmp/profilec-huge-pages-XXXXXX";
  ASSERT_NE(::mkdtemp(pattern), nullptr);
  const std::filesystem::path dir = pattern;
  std::filesystem::create_directories(dir / "a" / "b");
  std::filesystem::create_directories(dir / ".git" / "objects");
  for (const char* name : {"a/1.toml", "a/b/2.toml", "a/b/.hidden", "3.toml", ".git/objects/x", ".git/HEAD"}) {
    std::ofstream(dir / name) << "x";
  }
  const std::string folder = dir.string();
  EXPECT_EQ(count_files_up_to({folder}, 100), 3U);  // not .git's, not .hidden: the folder walk skips them
  EXPECT_EQ(count_files_up_to({folder}, 2), 2U);
  EXPECT_EQ(count_files_up_to({(dir / "a").string()}, 100), 2U);
  EXPECT_EQ(count_files_up_to({(dir / "3.toml").string()}, 100), 0U);  // a file named alone is no walk
  EXPECT_EQ(count_files_up_to({(dir / "missing").string()}, 100), 0U);
  EXPECT_EQ(count_files_up_to({folder, folder}, 100), 6U);
  std::filesystem::remove_all(dir);
}

TEST(HugePagesTest, RestartsOnlyWhenTheKernelGivesHugePagesOnRequest) {
  EXPECT_EQ(choice({}), HugePages::kRestart);
  // "always": the kernel already gives them to the heap; "never": it gives none.
  EXPECT_EQ(choice({}, "[always] madvise never\n"), HugePages::kUnavailable);
  EXPECT_EQ(choice({}, "always madvise [never]\n"), HugePages::kUnavailable);
  EXPECT_EQ(choice({}, ""), HugePages::kUnavailable);  // no /sys file
  // Not glibc 2.35+, or a sanitizer build: the tunable reaches no allocator.
  EXPECT_EQ(choice({}, kMadvise, false), HugePages::kUnavailable);
  // A preloaded library may be another allocator (valgrind, jemalloc).
  EXPECT_EQ(choice({{"LD_PRELOAD", "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2"}}), HugePages::kUnavailable);
  EXPECT_EQ(choice({{"LD_PRELOAD", ""}}), HugePages::kRestart);
}

TEST(HugePagesTest, TheUsersChoiceAndTheRestartedProcessAreNotRestarted) {
  EXPECT_EQ(choice({{"PROFILEC_HUGE_PAGES", "0"}}), HugePages::kOff);
  EXPECT_EQ(choice({{"PROFILEC_HUGE_PAGES", "1"}}), HugePages::kRestart);
  EXPECT_EQ(choice({{"GLIBC_TUNABLES", "glibc.malloc.hugetlb=0"}}), HugePages::kChosen);
  EXPECT_EQ(choice({{"GLIBC_TUNABLES", "glibc.malloc.perturb=1:glibc.malloc.hugetlb=2"}}), HugePages::kChosen);
  EXPECT_EQ(choice({{"GLIBC_TUNABLES", "glibc.malloc.perturb=1"}}), HugePages::kRestart);
  // The restarted process, whatever else is set: never a second restart.
  EXPECT_EQ(choice({{"PROFILEC_RESTARTED_WITH_HUGE_PAGES", "-"}}), HugePages::kRestarted);
  EXPECT_EQ(choice({{"PROFILEC_RESTARTED_WITH_HUGE_PAGES", "=x"}, {"PROFILEC_HUGE_PAGES", "0"}}),
            HugePages::kRestarted);
}

TEST(HugePagesTest, TheTunableIsAddedToTheUsersTunables) {
  EXPECT_EQ(tunables_with_huge_pages(MapEnvironment()), "glibc.malloc.hugetlb=1");
  EXPECT_EQ(tunables_with_huge_pages(MapEnvironment(std::map<std::string, std::string>{{"GLIBC_TUNABLES", ""}})),
            "glibc.malloc.hugetlb=1");
  EXPECT_EQ(tunables_with_huge_pages(MapEnvironment(std::map<std::string, std::string>{
                {"GLIBC_TUNABLES", "glibc.malloc.perturb=1"}})),
            "glibc.malloc.perturb=1:glibc.malloc.hugetlb=1");
}

}  // namespace
}  // namespace profilec::cli
