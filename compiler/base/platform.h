// Which calls profilec makes of the operating system beyond POSIX
// (docs/development.md, "Portability"). On Linux profilec uses two:
// syncfs(2), one flush per file system however many outputs were written
// (base/durable_flush.h), and prctl(PR_SET_DUMPABLE) while key material is
// in memory (base/core_dumps.h). Everywhere else, and on Linux when built
// with -DPROFILEC_PORTABLE=ON, it uses only POSIX calls. platform.cc is the
// one place that reads that choice; every Linux-only call asks it.
#pragma once

#include <string_view>

namespace profilec {

enum class PlatformCalls {
  kLinux,  // syncfs, prctl
  kPosix,  // fsync of each file and folder, the core size limit
};

// The calls this build makes.
PlatformCalls platform_calls();

// "linux" or "posix", as the tests and the build name them.
std::string_view platform_calls_name(PlatformCalls calls);

// Whether this system offers the Linux calls at all (true on Linux in
// either build), so the tests of a portable build can still run both paths.
bool linux_calls_available();

}  // namespace profilec
