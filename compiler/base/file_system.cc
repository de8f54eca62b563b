#include "base/file_system.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <system_error>
#include <unordered_set>

#include "base/parallel.h"

namespace profilec {
namespace fs = std::filesystem;

namespace {

std::string errno_message(int err) {
  std::string text = std::strerror(err);
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

bool is_hidden(const fs::path& p) {
  const std::string name = p.filename().string();
  return !name.empty() && name[0] == '.' && name != "." && name != "..";
}

mode_t file_mode_from_umask() {
  static const mode_t mode = [] {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return static_cast<mode_t>(0666 & ~mask);
  }();
  return mode;
}

}  // namespace

std::string join_path(const std::string& a, const std::string& b) {
  if (a.empty() || (!b.empty() && b[0] == '/')) return b;
  std::string joined = fs::path(a).append(b).lexically_normal().string();
  if (joined.size() > 1 && joined.back() == '/') joined.pop_back();
  return joined;
}

std::string parent_path(const std::string& path) {
  const auto slash = path.rfind('/');
  if (slash == std::string::npos) return "";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

namespace {

IoError too_large_error(const std::string& path, std::uint64_t size, std::uint64_t max_bytes) {
  return IoError{path,
                 "the file is " + std::to_string(size) + " bytes, more than the " + std::to_string(max_bytes) +
                     " bytes read at most",
                 size};
}

// Reads `path` whole, or refuses it once it is known to hold more than
// `max_bytes`: by its size before any byte is read when it is a regular
// file, else (a pipe, a file still growing) after max_bytes + 1 bytes.
// With `regular_only`, anything but a regular file (a FIFO, /dev/stdin, a
// device) is refused, "not a regular file", before a byte is read. The
// open itself never waits: O_NONBLOCK, so a FIFO without a writer does not
// hang the open; it is cleared again for what is read (a pipe the user
// named for a password, `<(...)`).
Expected<std::string, IoError> read_at_most(const std::string& path, std::uint64_t max_bytes, bool regular_only) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return Unexpected(IoError{path, errno_message(errno)});
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    return Unexpected(IoError{path, errno_message(err)});
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Unexpected(IoError{path, "is a directory"});
  }
  if (!S_ISREG(st.st_mode)) {
    if (regular_only) {
      ::close(fd);
      return Unexpected(IoError{path, "not a regular file"});
    }
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0) {
      const int err = errno;
      ::close(fd);
      return Unexpected(IoError{path, errno_message(err)});
    }
  }
  if (S_ISREG(st.st_mode) && st.st_size > 0 && static_cast<std::uint64_t>(st.st_size) > max_bytes) {
    ::close(fd);
    return Unexpected(too_large_error(path, static_cast<std::uint64_t>(st.st_size), max_bytes));
  }
  std::string contents;
  if (st.st_size > 0) contents.reserve(static_cast<std::size_t>(st.st_size));
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      return Unexpected(IoError{path, errno_message(err)});
    }
    contents.append(buffer, static_cast<std::size_t>(n));
    if (contents.size() > max_bytes) {
      ::close(fd);
      return Unexpected(too_large_error(path, contents.size(), max_bytes));
    }
  }
  ::close(fd);
  return contents;
}

}  // namespace

Expected<std::string, IoError> FileSystem::read_file_up_to(const std::string& path, std::uint64_t max_bytes) const {
  auto contents = read_file(path);
  if (contents && contents->size() > max_bytes) return Unexpected(too_large_error(path, contents->size(), max_bytes));
  return contents;
}

Expected<std::string, IoError> DiskFileSystem::read_file(const std::string& path) const {
  return read_at_most(path, std::numeric_limits<std::uint64_t>::max(), false);
}

Expected<std::string, IoError> DiskFileSystem::read_file_up_to(const std::string& path,
                                                               std::uint64_t max_bytes) const {
  return read_at_most(path, max_bytes, true);
}

bool DiskFileSystem::is_symbolic_link(const std::string& path) const {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode);
}

PathKind DiskFileSystem::kind(const std::string& path) const {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  // Another error (a symbolic link loop, a folder that cannot be searched):
  // a file, so that reading it reports the real reason.
  if (ec && ec != std::errc::no_such_file_or_directory && ec != std::errc::not_a_directory) return PathKind::kFile;
  if (ec || status.type() == fs::file_type::not_found) return PathKind::kMissing;
  if (fs::is_regular_file(status)) return PathKind::kFile;
  if (fs::is_directory(status)) return PathKind::kDirectory;
  return PathKind::kOther;
}

Expected<std::vector<std::string>, IoError> DiskFileSystem::list_files(const std::string& dir) const {
  std::vector<std::string> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec);
  if (ec) return Unexpected(IoError{dir, errno_message(ec.value())});
  for (const fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
    if (ec) return Unexpected(IoError{it->path().string(), errno_message(ec.value())});
    if (is_hidden(it->path())) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec)) files.push_back(it->path().string());
  }
  if (ec) return Unexpected(IoError{dir, errno_message(ec.value())});
  std::sort(files.begin(), files.end());
  return files;
}

namespace {

// Writes `contents` to a new temporary file beside `path` (mode from the
// umask), without flushing; returns its name.
Expected<std::string, IoError> write_temporary(const std::string& path, const std::string& contents) {
  std::error_code ec;
  const std::string dir = parent_path(path);
  if (!dir.empty()) {
    fs::create_directories(dir, ec);
    if (ec) return Unexpected(IoError{dir, errno_message(ec.value())});
  }
  std::string temp = path + std::string(kTemporarySuffix);
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) return Unexpected(IoError{path, errno_message(errno)});
  auto fail = [&](int err) {
    ::close(fd);
    ::unlink(temp.c_str());
    return Unexpected(IoError{path, errno_message(err)});
  };
  std::size_t written = 0;
  while (written < contents.size()) {
    const ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(errno);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd, file_mode_from_umask()) != 0) return fail(errno);
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    return Unexpected(IoError{path, errno_message(err)});
  }
  return temp;
}

// Flushes the file system holding `path` (syncfs: one call however many
// files were written there).
std::optional<IoError> flush_file_system(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return IoError{path, errno_message(errno)};
  const int result = ::syncfs(fd);
  const int err = errno;
  ::close(fd);
  if (result != 0) return IoError{path, errno_message(err)};
  return std::nullopt;
}

}  // namespace

std::optional<IoError> DiskFileSystem::write_file_atomically(const std::string& path,
                                                             const std::string& contents) {
  return write_files_atomically({{path, contents}});
}

std::optional<IoError> DiskFileSystem::write_files_atomically(
    const std::vector<std::pair<std::string, std::string>>& files) {
  // The temporary files are written on every core: on a RAM-backed or fast
  // file system, 1,000 outputs cost as much to write as to compile.
  std::vector<std::optional<Expected<std::string, IoError>>> written(files.size());
  // Reading the umask sets it to 0 for a moment: do that before the threads
  // create folders and files.
  file_mode_from_umask();
  parallel_for(files.size(), 0, [&](std::size_t i) {
    written[i] = write_temporary(files[i].first, files[i].second);
  });
  std::vector<std::string> temps;
  std::optional<IoError> first_error;
  for (auto& temp : written) {
    if (*temp) temps.push_back(std::move(**temp));
    else if (!first_error) first_error = temp->error();
  }
  auto discard = [&temps] {
    for (const std::string& t : temps) ::unlink(t.c_str());
  };
  if (first_error) {  // the first failure in input order, whichever thread met it first
    discard();
    return first_error;
  }
  // One flush per file system (by device), before any rename: after a crash
  // a target is either its old bytes or its complete new bytes. The device
  // is looked up once per folder.
  std::vector<dev_t> devices;
  std::vector<std::size_t> one_per_device;  // indices into files
  std::unordered_set<std::string> folders;
  for (std::size_t i = 0; i < temps.size(); ++i) {
    if (!folders.insert(parent_path(temps[i])).second) continue;
    struct stat st {};
    if (::stat(temps[i].c_str(), &st) != 0) continue;
    if (std::find(devices.begin(), devices.end(), st.st_dev) != devices.end()) continue;
    if (auto error = flush_file_system(temps[i])) {
      discard();
      return error;
    }
    devices.push_back(st.st_dev);
    one_per_device.push_back(i);
  }
  // Every rename on its own: one that fails (the output path is a folder)
  // leaves that output as it was and the others replaced, each whole.
  std::vector<int> rename_errors(temps.size(), 0);
  parallel_for(temps.size(), 0, [&](std::size_t i) {
    if (::rename(temps[i].c_str(), files[i].first.c_str()) != 0) rename_errors[i] = errno;
  });
  std::optional<IoError> rename_error;
  for (std::size_t i = 0; i < temps.size(); ++i) {
    if (rename_errors[i] == 0) continue;
    ::unlink(temps[i].c_str());
    if (!rename_error) rename_error = IoError{files[i].first, errno_message(rename_errors[i])};
  }
  if (rename_error) return rename_error;
  // The renames themselves, made durable.
  for (std::size_t i : one_per_device) {
    if (auto error = flush_file_system(files[i].first)) return error;
  }
  return std::nullopt;
}

std::optional<IoError> FileSystem::write_files_atomically(
    const std::vector<std::pair<std::string, std::string>>& files) {
  for (const auto& [path, contents] : files) {
    if (auto error = write_file_atomically(path, contents)) return error;
  }
  return std::nullopt;
}

void MemoryFileSystem::add_file(std::string path, std::string contents) {
  files_[std::move(path)] = std::move(contents);
}

Expected<std::string, IoError> MemoryFileSystem::read_file(const std::string& path) const {
  const auto it = files_.find(path);
  if (it != files_.end()) return it->second;
  if (kind(path) == PathKind::kDirectory) return Unexpected(IoError{path, "is a directory"});
  return Unexpected(IoError{path, "no such file or directory"});
}

PathKind MemoryFileSystem::kind(const std::string& path) const {
  if (files_.count(path)) return PathKind::kFile;
  const std::string prefix = path.empty() || path.back() == '/' ? path : path + "/";
  const auto it = files_.lower_bound(prefix);
  if (it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0) return PathKind::kDirectory;
  return PathKind::kMissing;
}

Expected<std::vector<std::string>, IoError> MemoryFileSystem::list_files(const std::string& dir) const {
  if (kind(dir) != PathKind::kDirectory) return Unexpected(IoError{dir, "no such file or directory"});
  const std::string prefix = dir.back() == '/' ? dir : dir + "/";
  std::vector<std::string> out;
  for (auto it = files_.lower_bound(prefix); it != files_.end(); ++it) {
    if (it->first.compare(0, prefix.size(), prefix) != 0) break;
    const std::string rest = it->first.substr(prefix.size());
    const bool hidden = rest[0] == '.' || rest.find("/.") != std::string::npos;
    if (!hidden) out.push_back(it->first);
  }
  return out;
}

std::optional<IoError> MemoryFileSystem::write_file_atomically(const std::string& path,
                                                               const std::string& contents) {
  files_[path] = contents;
  return std::nullopt;
}

}  // namespace profilec
