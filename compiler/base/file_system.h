// All file access goes through this interface, so tests run in memory and
// the pipeline never touches the disk behind the CLI's back.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
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

// An errno as an IoError's message: strerror's text, lower-case first.
std::string errno_message(int err);

enum class PathKind { kMissing, kFile, kDirectory, kOther };

// What stat(2) says of a file, to tell cheaply that it has not changed
// since it was read, as git's index and ninja's log keep it: the manifest
// cache (manifest/manifest_cache.h) and `build`, which trusts an output file
// whose stamp is the one it recorded after writing it instead of reading and
// hashing it again (project/build_output.h). Any write changes the size,
// the modification or the status-change time; the change time cannot be set
// from user space, so a file rewritten with its old size and modification
// time restored still has another stamp.
struct FileStamp {
  std::uint64_t size = 0;
  std::int64_t modified_ns = 0;  // st_mtime, in nanoseconds since the epoch
  std::int64_t changed_ns = 0;   // st_ctime: also moves when mtime is set back (touch -d, tar)
  std::uint64_t inode = 0;
  std::uint64_t device = 0;
  friend bool operator==(const FileStamp&, const FileStamp&) = default;
};

// Where a path really leads (FileSystem::resolve).
struct ResolvedPath {
  std::string real;                    // absolute and lexically normal, every symbolic link followed
  PathKind kind = PathKind::kMissing;  // of what is there: kOther for a FIFO, a device, a socket
};

// Who may read a written file. kOwnerOnly (0600) for files that hold a
// secret: the temporary file is created 0600 and never widened, so no
// other user can open it at any moment (docs/robustness.md).
enum class FileAccess {
  kShared,     // 0666 minus the umask (0644 usually)
  kOwnerOnly,  // 0600
};

// The bytes of a file held in memory (base/file_system.h's map_file_up_to):
// mapped from the disk, or a copy.
class FileBytes {
 public:
  virtual ~FileBytes() = default;
  virtual std::string_view bytes() const = 0;
};

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
  // Like read_file_up_to, for a large file of which a run reads little
  // (the manifest cache): the disk maps it read-only (mmap(2)), so only the
  // pages touched are read, from the page cache, with no copy and no new
  // heap pages, which cost a page fault each (docs/performance.md,
  // "Start-up"). The mapping is private and the writers of such files
  // replace them by renaming (write_file_atomically), so the bytes never
  // change under the reader; a file truncated in place by another program
  // while mapped would end the process with SIGBUS. This default copies
  // what read_file_up_to reads.
  virtual Expected<std::shared_ptr<const FileBytes>, IoError> map_file_up_to(const std::string& path,
                                                                             std::uint64_t max_bytes) const;
  virtual PathKind kind(const std::string& path) const = 0;
  // The stamp of a regular file (symbolic links followed); nullopt when
  // there is none or this file system cannot tell, and then a caller must
  // read the file to know what it holds.
  virtual std::optional<FileStamp> stamp(const std::string& /*path*/) const { return std::nullopt; }
  // Whether `path` itself is a symbolic link (not followed). Memory file
  // systems have none.
  virtual bool is_symbolic_link(const std::string& /*path*/) const { return false; }
  // Where `path` leads once every symbolic link in it (the last component
  // and every folder on the way) is followed, as realpath(3) says, and what
  // is there; "" is the current directory. An IoError when some part of it
  // does not exist or cannot be followed (a loop, a folder that cannot be
  // searched). profilec's own /proc/PID is written /proc/self. Reads
  // nothing: the trust boundary (docs/security.md) decides
  // with it whether a file may be read at all.
  virtual Expected<ResolvedPath, IoError> resolve(const std::string& path) const = 0;
  // Regular files below `dir`, recursively, as paths that start with `dir`,
  // sorted bytewise so that every machine walks them in the same order.
  // Hidden entries (a name starting with '.') are skipped.
  virtual Expected<std::vector<std::string>, IoError> list_files(const std::string& dir) const = 0;
  // Writes all of `contents` or nothing: a temporary file beside `path`,
  // flushed, then renamed over it. Creates missing parent directories.
  virtual std::optional<IoError> write_file_atomically(const std::string& path, const std::string& contents,
                                                       FileAccess access = FileAccess::kShared) = 0;
  // Several files, all or nothing: every file is first written in full to a
  // temporary file beside its target; only when all of them are written and
  // flushed are they renamed into place. A failure before the renames
  // leaves every target as it was. The disk version, on Linux, flushes once
  // per file system (syncfs) rather than once per file, so a build of
  // thousands of profiles is not bound by fsync latency; elsewhere it
  // fsyncs each file and folder (base/durable_flush.h). `access[i]` is
  // files[i]'s (kShared where `access` is shorter).
  virtual std::optional<IoError> write_files_atomically(const std::vector<std::pair<std::string, std::string>>& files,
                                                        const std::vector<FileAccess>& access = {});
  // Removes one file (never a folder): `build` removing a profile it wrote
  // whose policy is gone (project/build_output.h). A file already missing
  // is no error. This default removes nothing and says so.
  virtual std::optional<IoError> remove_file(const std::string& path);
  // Before rewriting a file in place (`check --fix`): an error when the
  // file is read-only (no write permission bit at all, which even root is
  // refused here, since a rename would replace it anyway) or this process
  // may not write it. The in-memory tree has no permissions: nullopt.
  virtual std::optional<IoError> refuse_rewrite(const std::string& /*path*/) const { return std::nullopt; }
};

enum class FlushMethod;  // base/durable_flush.h

// The real disk.
class DiskFileSystem final : public FileSystem {
 public:
  // Writes flush as this platform does (default_flush_method()), or as
  // `flush` says: the tests run both ways in every build.
  DiskFileSystem();
  explicit DiskFileSystem(FlushMethod flush);

  Expected<std::string, IoError> read_file(const std::string& path) const override;
  Expected<std::string, IoError> read_file_up_to(const std::string& path, std::uint64_t max_bytes) const override;
  Expected<std::shared_ptr<const FileBytes>, IoError> map_file_up_to(const std::string& path,
                                                                     std::uint64_t max_bytes) const override;
  PathKind kind(const std::string& path) const override;
  std::optional<FileStamp> stamp(const std::string& path) const override;
  bool is_symbolic_link(const std::string& path) const override;
  Expected<ResolvedPath, IoError> resolve(const std::string& path) const override;
  Expected<std::vector<std::string>, IoError> list_files(const std::string& dir) const override;
  std::optional<IoError> write_file_atomically(const std::string& path, const std::string& contents,
                                               FileAccess access = FileAccess::kShared) override;
  std::optional<IoError> write_files_atomically(const std::vector<std::pair<std::string, std::string>>& files,
                                                const std::vector<FileAccess>& access = {}) override;
  std::optional<IoError> refuse_rewrite(const std::string& path) const override;
  std::optional<IoError> remove_file(const std::string& path) override;

  // `build` claims its output folder before writing there: creates it
  // when `create`, takes a lock on it for the life of the claim (shared
  // with other profilec builds writing there at the same time), and when
  // no other profilec holds it, removes the temporary files (names that
  // is_temporary_file_name() matches, nothing else) that a killed run left
  // below it. Returns how many were removed, or nullopt when the folder
  // does not exist and `create` is false.
  class FolderClaim {
   public:
    FolderClaim() = default;
    FolderClaim(FolderClaim&& other) noexcept;
    FolderClaim& operator=(FolderClaim&& other) noexcept;
    ~FolderClaim();
    bool held() const { return fd_ >= 0; }
    std::size_t removed_temporaries() const { return removed_; }

   private:
    friend class DiskFileSystem;
    int fd_ = -1;
    std::size_t removed_ = 0;
  };
  Expected<FolderClaim, IoError> claim_output_folder(const std::string& dir, bool create);

  // For one command's run (check, build): resolve() remembers where each
  // folder leads, so resolving 10,000 files in one folder follows the
  // folder's links once (realpath(3) reads every component's link) and
  // each file's own name only. Off by default: a long-lived process (the
  // language server) must see a folder link that changes meanwhile.
  void remember_folder_links() { remember_folders_ = true; }

 private:
  Expected<ResolvedPath, IoError> resolve_through_folder(const std::string& path) const;

  FlushMethod flush_;
  bool remember_folders_ = false;
  mutable std::mutex folders_mutex_;
  mutable std::map<std::string, std::string> real_folders_;  // folder as named -> its realpath
};

// An in-memory tree for tests. Directories exist implicitly: "a/b.toml"
// makes "a" a directory. Relative paths are below the current directory
// "/memory" (resolve("a") is "/memory/a"); symbolic links (add_symlink) are followed by every read, as the
// disk's are.
class MemoryFileSystem final : public FileSystem {
 public:
  void add_file(std::string path, std::string contents);
  // A symbolic link at `path` to `target` (relative to the link's folder
  // unless absolute), which need not exist.
  void add_symlink(const std::string& path, std::string target);
  const std::map<std::string, std::string>& files() const { return files_; }
  // How a file was last written (kShared for files added with add_file).
  FileAccess access(const std::string& path) const;

  Expected<std::string, IoError> read_file(const std::string& path) const override;
  PathKind kind(const std::string& path) const override;
  // Each write (add_file too) gives the file a new stamp: its size, a new
  // inode, and the time of a clock that advances one second at each write
  // as both modification and change time.
  std::optional<FileStamp> stamp(const std::string& path) const override;
  Expected<ResolvedPath, IoError> resolve(const std::string& path) const override;
  Expected<std::vector<std::string>, IoError> list_files(const std::string& dir) const override;
  std::optional<IoError> write_file_atomically(const std::string& path, const std::string& contents,
                                               FileAccess access = FileAccess::kShared) override;
  std::optional<IoError> remove_file(const std::string& path) override;

 private:
  void restamp(const std::string& path, std::size_t size);

  // `path` with every link in it followed: a key of files_ (or a folder);
  // nullopt for a loop.
  std::optional<std::string> follow(const std::string& path) const;

  std::map<std::string, std::string> files_;
  std::map<std::string, std::string> links_;  // normal path -> target as written
  std::map<std::string, FileAccess> access_;
  std::map<std::string, FileStamp> stamps_;
  std::int64_t clock_ = 0;
};

// The temporary files written beside their targets are named
// "<target>.tmp.XXXXXX" (six letters or digits): true for such a name (the
// last component of a path).
bool is_temporary_file_name(std::string_view name);

// Installs handlers for SIGINT, SIGTERM and SIGHUP that remove the
// temporary files being written at that moment (async-signal-safe calls
// only), then end the process by the same signal. For the CLI, once.
void remove_temporary_files_on_termination_signals();

// write_file(s)_atomically writes `<path>.tmp.XXXXXX` (six random letters
// or digits) before renaming it to `path`, so a file name may be this much shorter than the
// 255 bytes (NAME_MAX) a name may have on Linux and macOS file systems.
inline constexpr std::string_view kTemporarySuffix = ".tmp.XXXXXX";
inline constexpr std::size_t kMaxFileNameBytes = 255;
inline constexpr std::size_t kMaxWrittenFileNameBytes = kMaxFileNameBytes - kTemporarySuffix.size();

// Joins two path pieces with one '/' and folds ".." and "." lexically;
// `b` alone when it is absolute.
std::string join_path(const std::string& a, const std::string& b);
// `path` with ".." and "." folded lexically, '/' separators and no trailing
// '/' ("" stays "", "/" stays "/"); no symbolic link is followed.
std::string normal_path(const std::string& path);
// The directory part of a path ("" for a bare name).
std::string parent_path(const std::string& path);

}  // namespace profilec
