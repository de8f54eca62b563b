// Files held in memory in front of another file system: reads see the
// in-memory files first, writes stay in memory. For running the pipeline
// over files that are not written yet (import checks the policies it is
// about to write) while project files around them come from the disk.
#pragma once

#include "base/file_system.h"

namespace profilec {

class OverlayFileSystem final : public FileSystem {
 public:
  explicit OverlayFileSystem(const FileSystem& below) : below_(below) {}

  void add_file(std::string path, std::string contents) { front_.add_file(std::move(path), std::move(contents)); }

  Expected<std::string, IoError> read_file(const std::string& path) const override;
  Expected<std::string, IoError> read_file_up_to(const std::string& path, std::uint64_t max_bytes) const override;
  PathKind kind(const std::string& path) const override;
  bool is_symbolic_link(const std::string& path) const override {
    return front_.kind(path) == PathKind::kMissing && below_.is_symbolic_link(path);
  }
  // A file held in memory is where its path says (it has no links); other
  // paths are resolved below.
  Expected<ResolvedPath, IoError> resolve(const std::string& path) const override;
  Expected<std::vector<std::string>, IoError> list_files(const std::string& dir) const override;
  std::optional<IoError> write_file_atomically(const std::string& path, const std::string& contents,
                                               FileAccess access = FileAccess::kShared) override;

 private:
  const FileSystem& below_;
  MemoryFileSystem front_;
};

}  // namespace profilec
