#include "project/discover.h"

#include <algorithm>
#include <filesystem>

namespace profilec {
namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string file_name(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string without_extension(const std::string& path) {
  const auto dot = path.rfind('.');
  const auto slash = path.rfind('/');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return path;
  return path.substr(0, dot);
}

std::string strip_trailing_slashes(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

// An absolute, lexically normal form of `path`, for comparing paths
// written differently ("out", "./out/", "/repo/out").
std::filesystem::path normal_form(const std::string& path) {
  std::error_code ec;
  std::filesystem::path p = std::filesystem::absolute(std::filesystem::path(path), ec);
  if (ec) p = std::filesystem::path(path);
  p = p.lexically_normal();
  if (!p.has_filename()) p = p.parent_path();  // "out/" -> "out"
  return p;
}

bool is_below(const std::filesystem::path& file, const std::filesystem::path& folder) {
  auto f = file.begin();
  for (auto d = folder.begin(); d != folder.end(); ++d, ++f) {
    if (f == file.end() || *f != *d) return false;
  }
  return true;
}

}  // namespace

Expected<std::vector<PolicyInput>, IoError> discover_policies(const FileSystem& files,
                                                              const std::vector<std::string>& paths,
                                                              const std::vector<std::string>& exclude) {
  std::vector<std::filesystem::path> excluded;
  for (const std::string& e : exclude) excluded.push_back(normal_form(e));
  auto is_excluded = [&](const std::string& file) {
    if (excluded.empty()) return false;
    const std::filesystem::path normal = normal_form(file);
    return std::any_of(excluded.begin(), excluded.end(), [&](const auto& e) { return is_below(normal, e); });
  };
  std::vector<PolicyInput> out;
  for (const std::string& raw : paths) {
    const std::string path = strip_trailing_slashes(raw);
    switch (files.kind(path)) {
      case PathKind::kMissing:
        return Unexpected(IoError{path, "no such file or directory"});
      case PathKind::kOther:
        return Unexpected(IoError{path, "not a regular file or directory"});
      case PathKind::kFile:
        out.push_back({path, without_extension(file_name(path)), true});
        break;
      case PathKind::kDirectory: {
        auto listed = files.list_files(path);
        if (!listed) return Unexpected(listed.error());
        const std::string prefix = path == "/" ? "/" : path + "/";
        for (const std::string& file : *listed) {
          const bool policy = ends_with(file, ".toml") && file_name(file) != kProjectFileName;
          if (!policy && !ends_with(file, ".mobileconfig")) continue;
          if (is_excluded(file)) continue;
          const std::string relative = file.compare(0, prefix.size(), prefix) == 0 ? file.substr(prefix.size()) : file;
          std::string display = file.compare(0, 2, "./") == 0 ? file.substr(2) : file;
          out.push_back({std::move(display), without_extension(relative), false});
        }
        break;
      }
    }
  }
  return out;
}

}  // namespace profilec
