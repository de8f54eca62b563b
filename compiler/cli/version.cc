#include "cli/version.h"

#include <fmt/format.h>

#ifdef __APPLE__
#include <mach-o/dyld.h>
#endif

#include <climits>
#include <cstdint>

#include "schema/compiled_schemas.h"

#ifndef PROFILEC_VERSION
#define PROFILEC_VERSION "0.0.0"
#endif

namespace profilec::cli {

std::string version_text() {
  const schema::UpstreamRelease data = schema::upstream_release();
  return fmt::format("profilec {} (Apple device-management data {}, {})", PROFILEC_VERSION, data.release,
                     data.commit.substr(0, 7));
}

std::optional<std::string> program_identity(const FileSystem& files) {
#ifdef __APPLE__
  char path[PATH_MAX];
  std::uint32_t size = sizeof path;
  if (_NSGetExecutablePath(path, &size) != 0) return std::nullopt;
  const std::string executable = path;
#else
  const std::string executable = "/proc/self/exe";
#endif
  const auto stamp = files.stamp(executable);
  if (!stamp) return std::nullopt;
  return fmt::format("{} {} {} {} {} {}", version_text(), stamp->size, stamp->modified_ns, stamp->changed_ns,
                     stamp->inode, stamp->device);
}

}  // namespace profilec::cli
