#include "base/durable_flush.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "base/platform.h"

namespace profilec {

FlushMethod default_flush_method() {
  return platform_calls() == PlatformCalls::kLinux ? FlushMethod::kFileSystem : FlushMethod::kEachFile;
}

std::optional<IoError> flush_file_system(const std::string& path) {
#if defined(__linux__)
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return IoError{path, errno_message(errno)};
  const int result = ::syncfs(fd);
  const int err = errno;
  ::close(fd);
  if (result != 0) return IoError{path, errno_message(err)};
  return std::nullopt;
#else
  return IoError{path, "syncfs is not available here"};
#endif
}

int flush_descriptor(int fd) {
#if defined(F_FULLFSYNC)
  // macOS: fsync only hands the data to the drive; F_FULLFSYNC asks the
  // drive to write it. Some file systems (network, FUSE) refuse it: fsync.
  if (::fcntl(fd, F_FULLFSYNC) == 0) return 0;
#endif
  while (::fsync(fd) != 0) {
    if (errno != EINTR) return errno;
  }
  return 0;
}

std::optional<IoError> flush_one(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return IoError{path, errno_message(errno)};
  const int err = flush_descriptor(fd);
  ::close(fd);
  if (err != 0) return IoError{path, errno_message(err)};
  return std::nullopt;
}

}  // namespace profilec
