#include "base/file_system.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>
#include <system_error>
#include <unordered_set>
#include <utility>

#include "base/durable_flush.h"
#include "base/parallel.h"

namespace profilec {
namespace fs = std::filesystem;

std::string errno_message(int err) {
  std::string text = std::strerror(err);
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

namespace {

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

namespace {

// True when std::filesystem's lexical normal form of `path` (without a
// trailing '/') is `path` itself: one '/' between components, none at the
// end, no "." or ".." component. Most paths a run joins and compares are
// (a folder walk's, the manifest's), and a std::filesystem::path splits
// every one into components on the heap.
bool is_normal(std::string_view path) {
  if (path == "/") return true;
  if (path.empty() || path.back() == '/' || path.starts_with("//")) return false;
  std::size_t start = path.front() == '/' ? 1 : 0;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    const std::string_view component = path.substr(start, end - start);
    if (component.empty() || component == "." || component == "..") return false;
    start = end + 1;
  }
  return true;
}

}  // namespace

std::string join_path(const std::string& a, const std::string& b) {
  if (a.empty() || (!b.empty() && b[0] == '/')) return b;
  if (!b.empty()) {
    // What fs::path(a) / b spells: one '/' between them unless `a` ends
    // with one.
    std::string joined;
    joined.reserve(a.size() + 1 + b.size());
    joined += a;
    if (a.back() != '/') joined += '/';
    joined += b;
    return normal_path(joined);
  }
  return normal_path(fs::path(a).append(b).generic_string());
}

std::string normal_path(const std::string& path) {
  if (path.empty() || is_normal(path)) return path;
  std::string normal = fs::path(path).lexically_normal().generic_string();
  if (normal.size() > 1 && normal.back() == '/') normal.pop_back();
  return normal;
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
// Opens `path` to read, never waiting (O_NONBLOCK), and says what it is.
Expected<int, IoError> open_to_read(const std::string& path, struct stat& st) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return Unexpected(IoError{path, errno_message(errno)});
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    return Unexpected(IoError{path, errno_message(err)});
  }
  return fd;
}

Expected<std::string, IoError> read_at_most(const std::string& path, std::uint64_t max_bytes, bool regular_only) {
  struct stat st {};
  const auto opened = open_to_read(path, st);
  if (!opened) return Unexpected(opened.error());
  const int fd = *opened;
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
  if (S_ISREG(st.st_mode) && st.st_size > 0) {
    // Straight into the string, one byte more than the file's size: a read
    // of a regular file that gives fewer bytes than asked has reached its
    // end, so a file read whole costs one read(2), not a second one that
    // returns 0. A file that grew since its size was taken goes on below.
    const std::size_t want = static_cast<std::size_t>(st.st_size) + 1;
    contents.resize(want);
    std::size_t filled = 0;
    while (filled < want) {
      const ssize_t n = ::read(fd, contents.data() + filled, want - filled);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        const int err = errno;
        ::close(fd);
        return Unexpected(IoError{path, errno_message(err)});
      }
      if (n == 0) break;
      filled += static_cast<std::size_t>(n);
      if (filled < want) break;  // the end of the file
    }
    contents.resize(filled);
    if (filled < want) {
      ::close(fd);
      return contents;
    }
    if (contents.size() > max_bytes) {
      ::close(fd);
      return Unexpected(too_large_error(path, contents.size(), max_bytes));
    }
  } else if (st.st_size > 0) {
    contents.reserve(static_cast<std::size_t>(st.st_size));
  }
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

namespace {

class CopiedBytes final : public FileBytes {
 public:
  explicit CopiedBytes(std::string text) : text_(std::move(text)) {}
  std::string_view bytes() const override { return text_; }

 private:
  std::string text_;
};

class MappedBytes final : public FileBytes {
 public:
  MappedBytes(const void* address, std::size_t size) : address_(address), size_(size) {}
  ~MappedBytes() override { ::munmap(const_cast<void*>(address_), size_); }
  MappedBytes(const MappedBytes&) = delete;
  MappedBytes& operator=(const MappedBytes&) = delete;
  MappedBytes(MappedBytes&&) = delete;
  MappedBytes& operator=(MappedBytes&&) = delete;
  std::string_view bytes() const override { return {static_cast<const char*>(address_), size_}; }

 private:
  const void* address_;
  std::size_t size_;
};

}  // namespace

Expected<std::shared_ptr<const FileBytes>, IoError> FileSystem::map_file_up_to(const std::string& path,
                                                                               std::uint64_t max_bytes) const {
  auto contents = read_file_up_to(path, max_bytes);
  if (!contents) return Unexpected(contents.error());
  return std::shared_ptr<const FileBytes>(std::make_shared<CopiedBytes>(std::move(*contents)));
}

Expected<std::shared_ptr<const FileBytes>, IoError> DiskFileSystem::map_file_up_to(const std::string& path,
                                                                                   std::uint64_t max_bytes) const {
  struct stat st {};
  const auto opened = open_to_read(path, st);
  if (!opened) return Unexpected(opened.error());
  const int fd = *opened;
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return Unexpected(IoError{path, S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file"});
  }
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size > max_bytes) {
    ::close(fd);
    return Unexpected(too_large_error(path, size, max_bytes));
  }
  if (size == 0) {
    ::close(fd);
    return std::shared_ptr<const FileBytes>(std::make_shared<CopiedBytes>(std::string()));
  }
  void* address = ::mmap(nullptr, static_cast<std::size_t>(size), PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  // A file system that cannot map (some FUSE ones): read it.
  if (address == MAP_FAILED) return FileSystem::map_file_up_to(path, max_bytes);
  return std::shared_ptr<const FileBytes>(std::make_shared<MappedBytes>(address, static_cast<std::size_t>(size)));
}

Expected<std::string, IoError> DiskFileSystem::read_file(const std::string& path) const {
  return read_at_most(path, std::numeric_limits<std::uint64_t>::max(), false);
}

Expected<std::string, IoError> DiskFileSystem::read_file_up_to(const std::string& path, std::uint64_t max_bytes) const {
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

namespace {

std::int64_t timespec_ns(const struct timespec& time) {
  return static_cast<std::int64_t>(time.tv_sec) * 1'000'000'000 + time.tv_nsec;
}

}  // namespace

std::optional<FileStamp> DiskFileSystem::stamp(const std::string& path) const {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return std::nullopt;
#ifdef __APPLE__
  const std::int64_t modified = timespec_ns(info.st_mtimespec);
  const std::int64_t changed = timespec_ns(info.st_ctimespec);
#else
  const std::int64_t modified = timespec_ns(info.st_mtim);
  const std::int64_t changed = timespec_ns(info.st_ctim);
#endif
  return FileStamp{static_cast<std::uint64_t>(info.st_size), modified, changed, static_cast<std::uint64_t>(info.st_ino),
                   static_cast<std::uint64_t>(info.st_dev)};
}

std::optional<IoError> DiskFileSystem::refuse_rewrite(const std::string& path) const {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return IoError{path, errno_message(errno)};
  if ((info.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0) return IoError{path, "the file is read-only"};
  if (::access(path.c_str(), W_OK) != 0) return IoError{path, errno_message(errno)};
  return std::nullopt;
}

std::optional<IoError> DiskFileSystem::remove_file(const std::string& path) {
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) return IoError{path, errno_message(errno)};
  return std::nullopt;
}

// A file that is not a link itself leads where its folder leads, plus its
// name: the folder's realpath is looked up once. Anything else (a link, a
// name "." or "..", an error) goes to realpath(3), which says why.
Expected<ResolvedPath, IoError> DiskFileSystem::resolve_through_folder(const std::string& path) const {
  {
    // A folder resolved before in this run (a repository root, asked for
    // by every input below it).
    const std::lock_guard<std::mutex> lock(folders_mutex_);
    const auto known = real_folders_.find(path);
    if (known != real_folders_.end()) return ResolvedPath{known->second, PathKind::kDirectory};
  }
  const std::size_t slash = path.rfind('/');
  const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  struct stat st {};
  if (name.empty() || name == "." || name == ".." || ::lstat(path.c_str(), &st) != 0 || S_ISLNK(st.st_mode)) {
    return Unexpected(IoError{});
  }
  const std::string folder = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  std::string real_folder;
  {
    const std::lock_guard<std::mutex> lock(folders_mutex_);
    const auto known = real_folders_.find(folder);
    if (known != real_folders_.end()) real_folder = known->second;
  }
  if (real_folder.empty()) {
    char* real = ::realpath(folder.c_str(), nullptr);
    if (real == nullptr) return Unexpected(IoError{});
    real_folder = real;
    std::free(real);
    const std::lock_guard<std::mutex> lock(folders_mutex_);
    real_folders_.emplace(folder, real_folder);
  }
  const PathKind kind = S_ISREG(st.st_mode)   ? PathKind::kFile
                        : S_ISDIR(st.st_mode) ? PathKind::kDirectory
                                              : PathKind::kOther;
  ResolvedPath resolved{real_folder == "/" ? "/" + name : real_folder + "/" + name, kind};
  if (kind == PathKind::kDirectory) {
    const std::lock_guard<std::mutex> lock(folders_mutex_);
    real_folders_.emplace(path, resolved.real);
  }
  return resolved;
}

Expected<ResolvedPath, IoError> DiskFileSystem::resolve(const std::string& path) const {
  if (remember_folders_ && !path.empty()) {
    if (auto resolved = resolve_through_folder(path)) {
      // This process's own /proc folder, as below.
      if (!resolved->real.starts_with("/proc/")) return resolved;
    }
  }
  const std::string target = path.empty() ? "." : path;
  char* real = ::realpath(target.c_str(), nullptr);
  if (real == nullptr) return Unexpected(IoError{path, errno_message(errno)});
  ResolvedPath resolved{real, PathKind::kMissing};
  std::free(real);
  // This process's own /proc folder, as the link was most likely written
  // (and the same in every run): /proc/self.
  const std::string own_proc = "/proc/" + std::to_string(::getpid());
  if (resolved.real == own_proc || resolved.real.starts_with(own_proc + "/")) {
    resolved.real.replace(0, own_proc.size(), "/proc/self");
  }
  struct stat st {};
  if (::stat(resolved.real.c_str(), &st) != 0) return Unexpected(IoError{path, errno_message(errno)});
  resolved.kind = S_ISREG(st.st_mode) ? PathKind::kFile : S_ISDIR(st.st_mode) ? PathKind::kDirectory : PathKind::kOther;
  return resolved;
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

// The temporary files being written, for the signal handler: a list that
// only grows (nodes are never freed or reused, so a handler walking it
// never meets a path being rewritten), each node live while its file may
// exist. A run registers each output once: the list costs a few hundred
// bytes per file written.
struct TemporaryNode {
  std::atomic<bool> live{true};
  TemporaryNode* next = nullptr;  // set before the node is published, never changed
  char path[1];                   // allocated to the path's length, NUL-terminated
};
std::atomic<TemporaryNode*> temporary_files{nullptr};

TemporaryNode* remember_temporary(const std::string& path) {
  void* memory = ::operator new(sizeof(TemporaryNode) + path.size());
  auto* node = new (memory) TemporaryNode;
  std::memcpy(node->path, path.c_str(), path.size() + 1);
  node->next = temporary_files.load(std::memory_order_acquire);
  while (!temporary_files.compare_exchange_weak(node->next, node, std::memory_order_acq_rel)) {
  }
  return node;
}

void forget_temporary(TemporaryNode* node) { node->live.store(false, std::memory_order_release); }

// Other threads go on while the handler runs on one of them: one may be
// creating a temporary file just then. `creating` counts the threads
// between registering a file and creating it; once `terminating` is set
// no thread starts to, and the handler waits (a bounded time) for those
// that had, so it removes their files too.
std::atomic<bool> terminating{false};
std::atomic<int> creating{0};
thread_local bool this_thread_creating = false;

bool begin_creating() {
  creating.fetch_add(1);
  this_thread_creating = true;
  if (!terminating.load()) return true;
  this_thread_creating = false;
  creating.fetch_sub(1);
  return false;
}

void end_creating() {
  this_thread_creating = false;
  creating.fetch_sub(1);
}

extern "C" void remove_temporaries_and_reraise(int signal_number) {
  terminating.store(true);
  const int own = this_thread_creating ? 1 : 0;  // this thread cannot finish while its handler runs
  const struct timespec pause { 0, 1000000 };    // 1 ms
  for (int waited = 0; creating.load() > own && waited < 2000; ++waited) ::nanosleep(&pause, nullptr);
  for (TemporaryNode* node = temporary_files.load(std::memory_order_acquire); node != nullptr; node = node->next) {
    if (node->live.load(std::memory_order_acquire)) ::unlink(node->path);
  }
  ::signal(signal_number, SIG_DFL);
  ::raise(signal_number);  // blocked until the handler returns, then the default action ends the process
}

constexpr std::string_view kTemporaryInfix = ".tmp.";
constexpr std::size_t kTemporaryRandomLength = kTemporarySuffix.size() - kTemporaryInfix.size();  // six
static_assert(kTemporarySuffix.starts_with(kTemporaryInfix));

bool is_temporary_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

std::string temporary_name(const std::string& path) {
  static constexpr char kLetters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  thread_local std::mt19937_64 random(std::random_device{}() ^ static_cast<std::uint64_t>(::getpid()));
  std::string name = path;
  name += kTemporaryInfix;
  for (std::size_t i = 0; i < kTemporaryRandomLength; ++i) name += kLetters[random() % (sizeof kLetters - 1)];
  return name;
}

std::string write_error_message(int err) {
  if (err != EFBIG) return errno_message(err);
  struct rlimit limit {};
  if (::getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
    return "file too large: the file size limit of this process (ulimit -f) is " +
           std::to_string(static_cast<unsigned long long>(limit.rlim_cur)) + " bytes";
  }
  return errno_message(err);
}

// A temporary file being written: registered for the signal handler from
// before it exists until it is renamed or removed.
struct Temporary {
  std::string path;
  TemporaryNode* node = nullptr;
};

void discard_temporary(const Temporary& temp) {
  ::unlink(temp.path.c_str());
  forget_temporary(temp.node);
}

// Writes `contents` to a new temporary file beside `path`, flushed with
// kEachFile, not yet with kFileSystem (one syncfs later covers them all).
// The file is created 0600; a kShared one is opened up to the umask's mode
// once written, a kOwnerOnly one never is.
Expected<Temporary, IoError> write_temporary(const std::string& path, const std::string& contents, FileAccess access,
                                             FlushMethod flush) {
  std::error_code ec;
  const std::string dir = parent_path(path);
  if (!dir.empty()) {
    fs::create_directories(dir, ec);
    if (ec) return Unexpected(IoError{dir, errno_message(ec.value())});
  }
  Temporary temp;
  int fd = -1;
  for (int attempt = 0; fd < 0 && attempt < 100; ++attempt) {
    temp.path = temporary_name(path);
    if (!begin_creating()) return Unexpected(IoError{path, "interrupted"});
    temp.node = remember_temporary(temp.path);  // before the file exists: a signal now removes it too
    fd = ::open(temp.path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    end_creating();
    if (fd < 0) {
      const int err = errno;
      forget_temporary(temp.node);  // not ours (EEXIST) or not made
      if (err != EEXIST) return Unexpected(IoError{path, errno_message(err)});
    }
  }
  if (fd < 0) return Unexpected(IoError{path, "cannot create a temporary file beside it"});
  auto fail = [&](int err) {
    ::close(fd);
    discard_temporary(temp);
    return Unexpected(IoError{path, write_error_message(err)});
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
  if (access == FileAccess::kShared && ::fchmod(fd, file_mode_from_umask()) != 0) return fail(errno);
  if (flush == FlushMethod::kEachFile) {
    if (const int err = flush_descriptor(fd); err != 0) return fail(err);
  }
  if (::close(fd) != 0) {
    const int err = errno;
    discard_temporary(temp);
    return Unexpected(IoError{path, write_error_message(err)});
  }
  return temp;
}

// The folders whose entries the renames into `files` change, to flush
// after them (FlushMethod::kEachFile): each target's folder, and for a
// folder the write will create, its parent too, up to the first folder
// that exists already. Looked up before anything is written.
std::vector<std::string> folders_to_flush(const std::vector<std::pair<std::string, std::string>>& files) {
  static const std::string kCurrentFolder = ".";
  std::vector<std::string> folders;
  std::unordered_set<std::string> seen;
  for (const auto& file : files) {
    for (std::string folder = parent_path(file.first);; folder = parent_path(folder)) {
      const std::string& name = folder.empty() ? kCurrentFolder : folder;
      if (!seen.insert(name).second) break;
      folders.push_back(name);
      struct stat st {};
      if (folder.empty() || folder == "/" || ::stat(name.c_str(), &st) == 0) break;
    }
  }
  return folders;
}

}  // namespace

DiskFileSystem::DiskFileSystem() : flush_(default_flush_method()) {}

DiskFileSystem::DiskFileSystem(FlushMethod flush) : flush_(flush) {}

std::optional<IoError> DiskFileSystem::write_file_atomically(const std::string& path, const std::string& contents,
                                                             FileAccess access) {
  return write_files_atomically({{path, contents}}, {access});
}

std::optional<IoError> DiskFileSystem::write_files_atomically(
    const std::vector<std::pair<std::string, std::string>>& files, const std::vector<FileAccess>& access) {
  // The temporary files are written on every core: on a RAM-backed or fast
  // file system, 1,000 outputs cost as much to write as to compile.
  std::vector<std::optional<Expected<Temporary, IoError>>> written(files.size());
  // Reading the umask sets it to 0 for a moment: do that before the threads
  // create folders and files.
  file_mode_from_umask();
  const std::vector<std::string> folders_to_flush_after = flush_ == FlushMethod::kEachFile ? folders_to_flush(files)
                                                                                           : std::vector<std::string>{};
  parallel_for(files.size(), 0, [&](std::size_t i) {
    written[i] = write_temporary(files[i].first, files[i].second, i < access.size() ? access[i] : FileAccess::kShared,
                                 flush_);
  });
  std::vector<Temporary> temps;
  std::optional<IoError> first_error;
  for (auto& temp : written) {
    if (*temp) temps.push_back(std::move(**temp));
    else if (!first_error) first_error = temp->error();
  }
  auto discard = [&temps] {
    for (const Temporary& t : temps) discard_temporary(t);
  };
  if (first_error) {  // the first failure in input order, whichever thread met it first
    discard();
    return first_error;
  }
  // Every temporary file flushed before any rename: after a crash a target
  // is either its old bytes or its complete new bytes. kEachFile flushed
  // each as it was written; kFileSystem flushes once per file system (by
  // device), the device looked up once per folder.
  std::vector<dev_t> devices;
  std::vector<std::size_t> one_per_device;  // indices into files
  std::unordered_set<std::string> folders;
  for (std::size_t i = 0; flush_ == FlushMethod::kFileSystem && i < temps.size(); ++i) {
    if (!folders.insert(parent_path(temps[i].path)).second) continue;
    struct stat st {};
    if (::stat(temps[i].path.c_str(), &st) != 0) continue;
    if (std::find(devices.begin(), devices.end(), st.st_dev) != devices.end()) continue;
    if (auto error = flush_file_system(temps[i].path)) {
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
    if (::rename(temps[i].path.c_str(), files[i].first.c_str()) != 0) rename_errors[i] = errno;
    else forget_temporary(temps[i].node);
  });
  std::optional<IoError> rename_error;
  for (std::size_t i = 0; i < temps.size(); ++i) {
    if (rename_errors[i] == 0) continue;
    discard_temporary(temps[i]);
    if (!rename_error) rename_error = IoError{files[i].first, errno_message(rename_errors[i])};
  }
  if (rename_error) return rename_error;
  // The renames themselves, made durable: through each file system, or
  // through each folder that changed.
  for (std::size_t i : one_per_device) {
    if (auto error = flush_file_system(files[i].first)) return error;
  }
  for (const std::string& folder : folders_to_flush_after) {
    if (auto error = flush_one(folder)) return error;
  }
  return std::nullopt;
}

std::optional<IoError> FileSystem::write_files_atomically(const std::vector<std::pair<std::string, std::string>>& files,
                                                          const std::vector<FileAccess>& access) {
  for (std::size_t i = 0; i < files.size(); ++i) {
    const FileAccess a = i < access.size() ? access[i] : FileAccess::kShared;
    if (auto error = write_file_atomically(files[i].first, files[i].second, a)) return error;
  }
  return std::nullopt;
}

std::optional<IoError> FileSystem::remove_file(const std::string& path) {
  return IoError{path, "this file system removes no files"};
}

bool is_temporary_file_name(std::string_view name) {
  const std::size_t suffix = kTemporaryInfix.size() + kTemporaryRandomLength;
  if (name.size() <= suffix || name.substr(name.size() - suffix, kTemporaryInfix.size()) != kTemporaryInfix) {
    return false;
  }
  return std::all_of(name.end() - kTemporaryRandomLength, name.end(), is_temporary_letter);
}

void remove_temporary_files_on_termination_signals() {
  struct sigaction action {};
  action.sa_handler = remove_temporaries_and_reraise;
  sigemptyset(&action.sa_mask);
  for (int signal_number : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&action.sa_mask, signal_number);
  for (int signal_number : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction previous {};
    // A signal ignored by whoever started profilec (nohup) stays ignored.
    if (::sigaction(signal_number, nullptr, &previous) == 0 && previous.sa_handler == SIG_IGN) continue;
    ::sigaction(signal_number, &action, nullptr);
  }
}

DiskFileSystem::FolderClaim::FolderClaim(FolderClaim&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), removed_(other.removed_) {}

DiskFileSystem::FolderClaim& DiskFileSystem::FolderClaim::operator=(FolderClaim&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    removed_ = other.removed_;
  }
  return *this;
}

DiskFileSystem::FolderClaim::~FolderClaim() {
  if (fd_ >= 0) ::close(fd_);  // and with it the lock
}

Expected<DiskFileSystem::FolderClaim, IoError> DiskFileSystem::claim_output_folder(const std::string& dir,
                                                                                   bool create) {
  std::error_code ec;
  if (create) {
    fs::create_directories(dir, ec);
    if (ec) return Unexpected(IoError{dir, errno_message(ec.value())});
  }
  FolderClaim claim;
  claim.fd_ = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (claim.fd_ < 0) {
    if (errno == ENOENT && !create) return claim;
    return Unexpected(IoError{dir, errno_message(errno)});
  }
  // Alone (an exclusive lock granted at once): no other profilec is writing
  // here, so every temporary file below is a leftover. Otherwise another
  // build's temporary files may be in use: leave them.
  if (::flock(claim.fd_, LOCK_EX | LOCK_NB) == 0) {
    for (fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec), end; !ec && it != end;
         it.increment(ec)) {
      if (!it->is_symlink(ec) && it->is_regular_file(ec) && is_temporary_file_name(it->path().filename().string()) &&
          ::unlink(it->path().c_str()) == 0) {
        ++claim.removed_;
      }
    }
  }
  // Shared from here on: builds that start now may write beside this one
  // but no longer clean (flock converts; waits while another cleans).
  if (::flock(claim.fd_, LOCK_SH) != 0) return Unexpected(IoError{dir, errno_message(errno)});
  return claim;
}

void MemoryFileSystem::restamp(const std::string& path, std::size_t size) {
  ++clock_;
  const std::int64_t at = clock_ * 1'000'000'000;
  stamps_[path] = FileStamp{size, at, at, static_cast<std::uint64_t>(clock_), 0};
}

void MemoryFileSystem::add_file(std::string path, std::string contents) {
  restamp(path, contents.size());
  files_[std::move(path)] = std::move(contents);
}

std::optional<FileStamp> MemoryFileSystem::stamp(const std::string& path) const {
  const auto followed = follow(path);
  if (!followed) return std::nullopt;
  const auto it = stamps_.find(*followed);
  if (it == stamps_.end() || !files_.contains(*followed)) return std::nullopt;
  return it->second;
}

void MemoryFileSystem::add_symlink(const std::string& path, std::string target) {
  links_[join_path("", path)] = std::move(target);
}

std::optional<std::string> MemoryFileSystem::follow(const std::string& path) const {
  if (links_.empty()) return path;
  // Component by component, as the kernel does; 40 links at most (Linux's
  // MAXSYMLINKS), then ELOOP.
  std::string pending = join_path("", path);
  std::string done = !pending.empty() && pending[0] == '/' ? "/" : "";
  int hops = 0;
  while (!pending.empty()) {
    const auto slash = pending.find('/');
    const std::string name = pending.substr(0, slash);
    pending = slash == std::string::npos ? "" : pending.substr(slash + 1);
    if (name.empty() || name == ".") continue;
    if (name == "..") {  // physically: the parent of where the links led
      if (done.empty() || done == ".." || done.ends_with("/..")) done = done.empty() ? ".." : done + "/..";
      else if (done != "/") done = parent_path(done);
      continue;
    }
    const std::string next = done.empty() ? name : done == "/" ? "/" + name : done + "/" + name;
    const auto link = links_.find(next);
    if (link == links_.end()) {
      done = next;
      continue;
    }
    if (++hops > 40) return std::nullopt;
    const std::string target = join_path(parent_path(next), link->second);
    pending = pending.empty() ? target : target + "/" + pending;
    done = !pending.empty() && pending[0] == '/' ? "/" : "";
    if (done == "/") pending = pending.substr(1);
  }
  return done;
}

Expected<ResolvedPath, IoError> MemoryFileSystem::resolve(const std::string& path) const {
  const auto real = follow(path);
  if (!real) return Unexpected(IoError{path, "too many levels of symbolic links"});
  const PathKind kind = this->kind(*real);
  if (kind == PathKind::kMissing && !real->empty() && *real != "/") {
    return Unexpected(IoError{path, "no such file or directory"});
  }
  // Relative paths are below the current directory, "/memory".
  const std::string absolute = real->empty() ? "/memory" : (*real)[0] == '/' ? *real : "/memory/" + *real;
  return ResolvedPath{absolute, real->empty() || *real == "/" ? PathKind::kDirectory : kind};
}

Expected<std::string, IoError> MemoryFileSystem::read_file(const std::string& path) const {
  const auto followed = follow(path);
  if (!followed) return Unexpected(IoError{path, "too many levels of symbolic links"});
  const std::string& real = *followed;
  const auto it = files_.find(real);
  if (it != files_.end()) return it->second;
  if (kind(real) == PathKind::kDirectory) return Unexpected(IoError{path, "is a directory"});
  return Unexpected(IoError{path, "no such file or directory"});
}

PathKind MemoryFileSystem::kind(const std::string& path) const {
  const auto followed = follow(path);
  if (!followed) return PathKind::kFile;  // as the disk's: reading it says why
  const std::string& real = *followed;
  if (files_.count(real)) return PathKind::kFile;
  const std::string prefix = real.empty() || real.back() == '/' ? real : real + "/";
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
  // Links to files are listed as the disk lists them.
  for (auto it = links_.lower_bound(prefix); it != links_.end(); ++it) {
    if (it->first.compare(0, prefix.size(), prefix) != 0) break;
    const std::string rest = it->first.substr(prefix.size());
    const bool hidden = rest[0] == '.' || rest.find("/.") != std::string::npos;
    if (!hidden && kind(it->first) == PathKind::kFile) out.push_back(it->first);
  }
  if (!links_.empty()) std::sort(out.begin(), out.end());
  return out;
}

std::optional<IoError> MemoryFileSystem::write_file_atomically(const std::string& path, const std::string& contents,
                                                               FileAccess access) {
  files_[path] = contents;
  access_[path] = access;
  restamp(path, contents.size());
  return std::nullopt;
}

std::optional<IoError> MemoryFileSystem::remove_file(const std::string& path) {
  files_.erase(path);
  access_.erase(path);
  stamps_.erase(path);
  return std::nullopt;
}

FileAccess MemoryFileSystem::access(const std::string& path) const {
  const auto it = access_.find(path);
  return it == access_.end() ? FileAccess::kShared : it->second;
}

}  // namespace profilec
