#include "base/overlay_file_system.h"

#include <algorithm>

namespace profilec {

Expected<std::string, IoError> OverlayFileSystem::read_file(const std::string& path) const {
  if (front_.kind(path) == PathKind::kFile) return front_.read_file(path);
  return below_.read_file(path);
}

Expected<std::string, IoError> OverlayFileSystem::read_file_up_to(const std::string& path,
                                                                  std::uint64_t max_bytes) const {
  if (front_.kind(path) == PathKind::kFile) return front_.read_file_up_to(path, max_bytes);
  return below_.read_file_up_to(path, max_bytes);
}

PathKind OverlayFileSystem::kind(const std::string& path) const {
  const PathKind front = front_.kind(path);
  return front != PathKind::kMissing ? front : below_.kind(path);
}

Expected<ResolvedPath, IoError> OverlayFileSystem::resolve(const std::string& path) const {
  const PathKind front = front_.kind(path);
  if (front == PathKind::kMissing) return below_.resolve(path);
  // A file or folder held in memory has no links: it is where the nearest
  // folder above it that exists on the disk really is, plus the rest of
  // its path.
  std::string rest;
  std::string dir = path;
  for (;;) {
    const auto slash = dir.rfind('/');
    const std::string name = slash == std::string::npos ? dir : dir.substr(slash + 1);
    rest = rest.empty() ? name : join_path(name, rest);
    dir = parent_path(dir);
    if (auto above = below_.resolve(dir); above && above->kind == PathKind::kDirectory) {
      return ResolvedPath{join_path(above->real, rest), front};
    }
    if (dir.empty() || dir == "/") return front_.resolve(path);
  }
}

Expected<std::vector<std::string>, IoError> OverlayFileSystem::list_files(const std::string& dir) const {
  auto front = front_.list_files(dir);
  auto below = below_.list_files(dir);
  if (!front && !below) return below;
  std::vector<std::string> out;
  if (front) out = *front;
  if (below) out.insert(out.end(), below->begin(), below->end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::optional<IoError> OverlayFileSystem::write_file_atomically(const std::string& path, const std::string& contents,
                                                                FileAccess access) {
  return front_.write_file_atomically(path, contents, access);
}

}  // namespace profilec
