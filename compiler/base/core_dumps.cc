#include "base/core_dumps.h"

#include <sys/resource.h>
#if defined(__linux__)
#include <sys/prctl.h>
#endif

#include "base/platform.h"

namespace profilec {

CoreDumpProtection default_core_dump_protection() {
  return platform_calls() == PlatformCalls::kLinux ? CoreDumpProtection::kNotDumpable : CoreDumpProtection::kCoreLimit;
}

bool forbid_core_dumps(CoreDumpProtection protection) {
  bool held = true;
  if (protection == CoreDumpProtection::kNotDumpable) {
#if defined(__linux__)
    held = ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0;
#else
    held = false;
#endif
  }
  const struct rlimit no_core { 0, 0 };
  return ::setrlimit(RLIMIT_CORE, &no_core) == 0 && held;
}

}  // namespace profilec
