// Which calls the build makes (base/platform.h): what the build's settings
// say (tests/CMakeLists.txt: "posix" with -DPROFILEC_PORTABLE=ON or off
// Linux, else "linux"), so a PROFILEC_PORTABLE that changed nothing fails.
#include "base/platform.h"

#include <gtest/gtest.h>

#include "base/core_dumps.h"
#include "base/durable_flush.h"

namespace profilec {
namespace {

TEST(Platform, MakesTheCallsTheBuildAskedFor) {
  EXPECT_EQ(platform_calls_name(platform_calls()), PROFILEC_EXPECTED_PLATFORM_CALLS);
}

TEST(Platform, EveryLinuxOnlyCallFollowsTheOneChoice) {
  const bool linux_calls = platform_calls() == PlatformCalls::kLinux;
  EXPECT_EQ(default_flush_method(), linux_calls ? FlushMethod::kFileSystem : FlushMethod::kEachFile);
  EXPECT_EQ(default_core_dump_protection(),
            linux_calls ? CoreDumpProtection::kNotDumpable : CoreDumpProtection::kCoreLimit);
  // The Linux calls are made only where they exist.
  if (linux_calls) {
    EXPECT_TRUE(linux_calls_available());
  }
}

TEST(Platform, NamesBothWays) {
  EXPECT_EQ(platform_calls_name(PlatformCalls::kLinux), "linux");
  EXPECT_EQ(platform_calls_name(PlatformCalls::kPosix), "posix");
}

}  // namespace
}  // namespace profilec
