// All file access goes through this interface, so tests run in memory and
// the pipeline never touches the disk behind the CLI's back.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/expected.h"

namespace profilec {

struct IoError {
  std::string path;
  std::string message;  // lower-case, e.g. "no such file or directory"
  // Set by read_file_up_to when the file is larger than it reads: the
  // file's size, or at least max_bytes + 1 when only reading could tell.
  std::optional<std::uint64_t> too_large = std::nullopt;
};

enum class PathKind { kMissing, kFile, kDirectory, kOther };

class FileSystem {
 public:
  virtual ~FileSystem() = default;

  virtual Expected<std::string, IoError> read_file(const std::string& path) const = 0;
  // Like read_file, but a file over `max_bytes` is refused (an IoError with
  // `too_large` set) without reading it into memory: the disk checks the
  // size first and never reads more than max_bytes + 1 bytes. This default
  // reads the whole file first (fine for files already in memory).
  // The disk's refuses anything but a regular file ("not a regular file":
  // a FIFO, /dev/stdin, a device), so an input can never make a run wait;
  // read_file reads what it is given (a password pipe), and neither waits
  // to open a FIFO.
  virtual Expected<std::string, IoError> read_file_up_to(const std::string& path, std::uint64_t max_bytes) const;
  virtual PathKind kind(const std::string& path) const = 0;
  // Whether `path` itself is a symbolic link (not followed). Memory file
  // systems have none.
  virtual bool is_symbolic_link(const std::string& /*path*/) const { return false; }
  // Regular files below `dir`, recursively, as paths that start with `dir`,
  // sorted bytewise so that every machine walks them in the same order.
  // Hidden entries (a name starting with '.') are skipped.
  virtual Expected<std::vector<std::string>, IoError> list_files(const std::string& dir) const = 0;
  // Writes all of `contents` or nothing: a temporary file beside `path`,
  // flushed, then renamed over it. Creates missing parent directories.
  virtual std::optional<IoError> write_file_atomically(const std::string& path,
                                                       const std::string& contents) = 0;
  // Several files, all or nothing: every file is first written in full to a
  // temporary file beside its target; only when all of them are written and
  // flushed are they renamed into place. A failure before the renames
  // leaves every target as it was. The disk version flushes once per file
  // system (syncfs) rather than once per file, so a build of thousands of
  // profiles is not bound by fsync latency.
  virtual std::optional<IoError> write_files_atomically(
      const std::vector<std::pair<std::string, std::string>>& files);
};

// The real disk.
class DiskFileSystem final : public FileSystem {
 public:
  Expected<std::string, IoError> read_file(const std::string& path) const override;
  Expected<std::string, IoError> read_file_up_to(const std::string& path, std::uint64_t max_bytes) const override;
  PathKind kind(const std::string& path) const override;
  bool is_symbolic_link(const std::string& path) const override;
  Expected<std::vector<std::string>, IoError> list_files(const std::string& dir) const override;
  std::optional<IoError> write_file_atomically(const std::string& path,
                                               const std::string& contents) override;
  std::optional<IoError> write_files_atomically(
      const std::vector<std::pair<std::string, std::string>>& files) override;
};

// An in-memory tree for tests. Directories exist implicitly: "a/b.toml"
// makes "a" a directory.
class MemoryFileSystem final : public FileSystem {
 public:
  void add_file(std::string path, std::string contents);
  const std::map<std::string, std::string>& files() const { return files_; }

  Expected<std::string, IoError> read_file(const std::string& path) const override;
  PathKind kind(const std::string& path) const override;
  Expected<std::vector<std::string>, IoError> list_files(const std::string& dir) const override;
  std::optional<IoError> write_file_atomically(const std::string& path,
                                               const std::string& contents) override;

 private:
  std::map<std::string, std::string> files_;
};

// write_file(s)_atomically writes `<path>.tmp.XXXXXX` (mkstemp) before
// renaming it to `path`, so a file name may be this much shorter than the
// 255 bytes (NAME_MAX) a name may have on Linux and macOS file systems.
inline constexpr std::string_view kTemporarySuffix = ".tmp.XXXXXX";
inline constexpr std::size_t kMaxFileNameBytes = 255;
inline constexpr std::size_t kMaxWrittenFileNameBytes = kMaxFileNameBytes - kTemporarySuffix.size();

// Joins two path pieces with one '/' and folds ".." and "." lexically;
// `b` alone when it is absolute.
std::string join_path(const std::string& a, const std::string& b);
// The directory part of a path ("" for a bare name).
std::string parent_path(const std::string& path);

}  // namespace profilec
