#include "base/repository_boundary.h"

#include <array>
#include <filesystem>
#include <string_view>

namespace profilec {
namespace {

// Kernel and device files look like files (a /proc file is "regular" with
// size 0) but hold the machine's state: the environment, memory, keys.
bool is_system_path(const std::string& real) {
  constexpr std::array<std::string_view, 3> kSystem = {"/proc", "/sys", "/dev"};
  for (std::string_view dir : kSystem) {
    if (real == dir || (real.starts_with(dir) && real.size() > dir.size() && real[dir.size()] == '/')) return true;
  }
  return false;
}

// A name below the root that starts with '.': .git (where CI keeps its
// credentials), .env, .ssh, ...
bool has_hidden_part(const std::string& real, const std::string& real_root) {
  std::string_view rest(real);
  rest.remove_prefix(real_root == "/" ? 1 : real_root.size());
  while (!rest.empty()) {
    if (rest.front() == '/') {
      rest.remove_prefix(1);
      continue;
    }
    if (rest.front() == '.') return true;
    const auto slash = rest.find('/');
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash);
  }
  return false;
}

// `path` leaves `root` by its spelling alone (`..`, an absolute path),
// whether or not it exists. Mixed absolute and relative spellings are left
// to the real paths.
bool lexically_outside(const std::string& path, const std::string& root) {
  const bool absolute = !path.empty() && path.front() == '/';
  if (root.empty()) return absolute || path == ".." || path.starts_with("../");
  if (absolute != (root.front() == '/')) return false;
  const std::string relative = std::filesystem::path(path).lexically_relative(root).generic_string();
  return relative.empty() || relative == ".." || relative.starts_with("../");
}

}  // namespace

bool is_below(const std::string& real, const std::string& real_root) {
  if (real_root == "/") return !real.empty() && real.front() == '/';
  return real == real_root ||
         (real.starts_with(real_root) && real.size() > real_root.size() && real[real_root.size()] == '/');
}

BoundaryCheck check_data_file(const FileSystem& files, const std::string& path, const std::string& root) {
  BoundaryCheck check;
  if (lexically_outside(path, root)) {
    check.verdict = BoundaryCheck::kOutside;
    return check;
  }
  auto resolved_root = files.resolve(root);
  if (!resolved_root) {
    // No root to compare with: nothing is inside it.
    check.verdict = BoundaryCheck::kOutside;
    return check;
  }
  check.real_root = resolved_root->real;
  auto resolved = files.resolve(path);
  if (!resolved) {
    check.verdict = BoundaryCheck::kUnresolved;
    check.error = resolved.error().message;
    return check;
  }
  check.real = resolved->real;
  if (!is_below(check.real, check.real_root)) {
    check.verdict = BoundaryCheck::kOutside;
    return check;
  }
  if (resolved->kind != PathKind::kFile || is_system_path(check.real)) {
    check.verdict = BoundaryCheck::kNotRegular;
    return check;
  }
  if (has_hidden_part(check.real, check.real_root)) check.verdict = BoundaryCheck::kHidden;
  return check;
}

BoundaryCheck check_input_file(const FileSystem& files, const std::string& path, const std::string& root) {
  BoundaryCheck check;
  auto resolved_root = files.resolve(root);
  auto resolved = files.resolve(path);
  if (!resolved_root || !resolved) return check;
  check.real_root = resolved_root->real;
  check.real = resolved->real;
  if (!is_below(check.real, check.real_root)) check.verdict = BoundaryCheck::kOutside;
  return check;
}

}  // namespace profilec
