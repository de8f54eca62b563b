#include "base/platform.h"

namespace profilec {

PlatformCalls platform_calls() {
#if defined(__linux__) && !defined(PROFILEC_PORTABLE)
  return PlatformCalls::kLinux;
#else
  return PlatformCalls::kPosix;
#endif
}

std::string_view platform_calls_name(PlatformCalls calls) {
  switch (calls) {
    case PlatformCalls::kLinux: return "linux";
    case PlatformCalls::kPosix: return "posix";
  }
  return "posix";
}

bool linux_calls_available() {
#if defined(__linux__)
  return true;
#else
  return false;
#endif
}

}  // namespace profilec
