// Both ways of keeping key material out of core files (base/core_dumps.h),
// in every build.
#include "base/core_dumps.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#if defined(__linux__)
#include <sys/prctl.h>
#endif

#include "base/platform.h"

namespace profilec {
namespace {

void expect_no_core_limit() {
  struct rlimit core {};
  ASSERT_EQ(getrlimit(RLIMIT_CORE, &core), 0);
  EXPECT_EQ(core.rlim_cur, 0u);
  EXPECT_EQ(core.rlim_max, 0u);
}

TEST(CoreDumps, TheCoreLimitAloneSetsTheLimitAndNothingElse) {
#if defined(__linux__)
  ASSERT_EQ(prctl(PR_SET_DUMPABLE, 1, 0, 0, 0), 0);
#endif
  EXPECT_TRUE(forbid_core_dumps(CoreDumpProtection::kCoreLimit));
  expect_no_core_limit();
#if defined(__linux__)
  EXPECT_EQ(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 1);  // the POSIX path makes no Linux call
#endif
}

TEST(CoreDumps, NotDumpableWhereLinuxOffersIt) {
#if defined(__linux__)
  ASSERT_EQ(prctl(PR_SET_DUMPABLE, 1, 0, 0, 0), 0);
#endif
  const bool held = forbid_core_dumps(CoreDumpProtection::kNotDumpable);
  EXPECT_EQ(held, linux_calls_available());
  expect_no_core_limit();
#if defined(__linux__)
  EXPECT_EQ(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
  ASSERT_EQ(prctl(PR_SET_DUMPABLE, 1, 0, 0, 0), 0);  // as the other tests expect to find it
#endif
}

}  // namespace
}  // namespace profilec
