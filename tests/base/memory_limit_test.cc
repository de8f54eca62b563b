// The run's memory limit: the sizes --memory-limit and PROFILEC_MEMORY_LIMIT
// accept, how a limit is named, and that applying one sets RLIMIT_DATA.
#include "base/memory_limit.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

namespace profilec {
namespace {

constexpr std::uint64_t kMiB = std::uint64_t{1} << 20;

TEST(MemoryLimit, SizesInMibOrWithAUnit) {
  EXPECT_EQ(parse_memory_size("4096"), 4096 * kMiB);
  EXPECT_EQ(parse_memory_size("512M"), 512 * kMiB);
  EXPECT_EQ(parse_memory_size("512MiB"), 512 * kMiB);
  EXPECT_EQ(parse_memory_size("8g"), 8192 * kMiB);
  EXPECT_EQ(parse_memory_size("8GB"), 8192 * kMiB);
  EXPECT_EQ(parse_memory_size("2T"), 2 * 1024 * 1024 * kMiB);
  EXPECT_EQ(parse_memory_size("64k"), 64 * 1024u);
  EXPECT_EQ(parse_memory_size("0"), 0u);  // no limit
  EXPECT_EQ(parse_memory_size("none"), 0u);
  EXPECT_EQ(parse_memory_size("NONE"), 0u);
}

TEST(MemoryLimit, AnythingElseIsNotASize) {
  for (const char* bad : {"", "G", "-1", "1.5G", "12x", "8 G", "8GG", "8Gi", "B", "18446744073709551615G"}) {
    EXPECT_FALSE(parse_memory_size(bad)) << bad;
  }
  EXPECT_EQ(parse_memory_size("16777215T"), std::uint64_t{16777215} << 40);  // the largest that fits
  EXPECT_FALSE(parse_memory_size("16777216T"));
}

TEST(MemoryLimit, NamedInTheLargestWholeUnit) {
  EXPECT_EQ(format_memory_size(kDefaultMemoryLimit), "4 GiB");
  EXPECT_EQ(format_memory_size(1536 * kMiB), "1536 MiB");
  EXPECT_EQ(format_memory_size(300 * kMiB), "300 MiB");
  EXPECT_EQ(format_memory_size(1000), "1000 bytes");
}

// In a child process, so the test binary keeps its own limit.
TEST(MemoryLimit, ApplyingOneLowersRlimitDataAndKeepsALowerOne) {
  if (memory_limit_unsupported()) GTEST_SKIP() << "sanitizer build: no data limit";
  EXPECT_EXIT(
      {
        if (!apply_memory_limit(std::uint64_t{6} << 30).empty()) std::_Exit(10);
        if (current_memory_limit() != std::uint64_t{6} << 30) std::_Exit(11);
        if (!apply_memory_limit(std::uint64_t{7} << 30).empty()) std::_Exit(12);
        if (current_memory_limit() != std::uint64_t{6} << 30) std::_Exit(13);  // the lower one stands
        if (!apply_memory_limit(0).empty()) std::_Exit(14);
        if (current_memory_limit() != std::uint64_t{6} << 30) std::_Exit(15);  // 0: left as it is
        std::_Exit(0);
      },
      ::testing::ExitedWithCode(0), "");
}

}  // namespace
}  // namespace profilec
