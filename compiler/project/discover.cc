#include "project/discover.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "base/glob.h"
#include "diag/source_map.h"
#include "project/project_config.h"

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

// The working folder, "" when it cannot be known (then paths stay relative).
std::string working_folder() {
  std::error_code ec;
  const std::filesystem::path cwd = std::filesystem::current_path(ec);
  return ec ? std::string() : cwd.generic_string();
}

// An absolute, lexically normal form of `path` (below `cwd` when relative),
// for comparing paths written differently ("out", "./out/", "/repo/out").
std::string normal_form(const std::string& path, const std::string& cwd) {
  if (path.empty()) return path;
  return normal_path(path[0] == '/' || cwd.empty() ? path : join_path(cwd, path));
}

// Both in normal_form: `file` is `folder` or inside it.
bool is_below(std::string_view file, std::string_view folder) {
  if (folder.empty() || folder == "/") return folder.empty() || file.starts_with('/');
  return file.starts_with(folder) && (file.size() == folder.size() || file[folder.size()] == '/');
}

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = std::min(path.find('/', start), path.size());
    if (slash > start) out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

// Whether the pattern's segments from `p` match the path's from `t` up to
// some prefix of the path (a folder that matches covers what is below it).
bool prefix_matches(const std::vector<std::string_view>& pattern, std::size_t p,
                    const std::vector<std::string_view>& path, std::size_t t) {
  if (p == pattern.size()) return t > 0;  // matched a folder or the file itself
  if (pattern[p] == "**") {
    for (std::size_t skip = t; skip <= path.size(); ++skip) {
      if (prefix_matches(pattern, p + 1, path, skip)) return true;
    }
    return false;
  }
  return t < path.size() && glob_matches(pattern[p], path[t]) && prefix_matches(pattern, p + 1, path, t + 1);
}

// Skips what profilec.toml's `exclude` names and the folders `build` wrote.
class WalkFilter {
 public:
  WalkFilter(const FileSystem& files, ProjectConfigs& projects) : files_(files), projects_(projects) {}

  // `file` was found below the named folder `root`.
  bool skips(const std::string& root, const std::string& file) {
    // Folders strictly between `root` and the file that build wrote to.
    for (std::string dir = parent_path(file); dir.size() > root.size() && dir != root; dir = parent_path(dir)) {
      auto [it, inserted] = marked_.emplace(dir, false);
      if (inserted) it->second = files_.kind(join_path(dir, std::string(kOutputMarkerName))) == PathKind::kFile;
      if (it->second) return true;
    }
    const ProjectConfig* project = projects_.for_file(file);
    if (project == nullptr || project->exclude.empty()) return false;
    std::string normal = std::filesystem::path(file).lexically_normal().generic_string();
    if (!project->root.empty()) {
      const std::string root_prefix = std::filesystem::path(project->root).lexically_normal().generic_string() + "/";
      if (!normal.starts_with(root_prefix)) return false;
      normal = normal.substr(root_prefix.size());
    }
    return std::any_of(project->exclude.begin(), project->exclude.end(),
                       [&](const std::string& pattern) { return exclude_pattern_matches(pattern, normal); });
  }

 private:
  const FileSystem& files_;
  // The run's: what a profilec.toml reports is kept for the compile.
  ProjectConfigs& projects_;
  std::map<std::string, bool> marked_;  // folder -> holds the marker
};

// `build -o` into the source folder puts OUT/<policy>.declarations/*.json
// beside <policy>.toml: the declarations of a policy in the run, which
// would report each finding twice. A folder walk drops them.
void drop_built_declarations(std::vector<PolicyInput>& inputs) {
  constexpr std::string_view kFolderSuffix = ".declarations";
  std::set<std::string> policies;
  for (const PolicyInput& input : inputs) {
    if (ends_with(input.path, ".toml")) policies.insert(without_extension(input.path));
  }
  if (policies.empty()) return;
  std::erase_if(inputs, [&](const PolicyInput& input) {
    if (input.named_explicitly || !ends_with(input.path, ".json")) return false;
    const std::string folder = parent_path(input.path);
    return ends_with(folder, kFolderSuffix) &&
           policies.contains(folder.substr(0, folder.size() - kFolderSuffix.size()));
  });
}

}  // namespace

bool is_within_folder(const std::string& path, const std::string& folder) {
  const std::string cwd = working_folder();
  return is_below(normal_form(path, cwd), normal_form(folder, cwd));
}

bool exclude_pattern_matches(std::string_view pattern, std::string_view relative) {
  if (pattern.starts_with("./")) pattern.remove_prefix(2);
  return prefix_matches(segments(pattern), 0, segments(relative), 0);
}

Expected<std::vector<PolicyInput>, IoError> discover_policies(const FileSystem& files,
                                                              const std::vector<std::string>& paths,
                                                              const std::vector<std::string>& exclude,
                                                              ProjectConfigs* projects) {
  const std::string cwd = exclude.empty() ? std::string() : working_folder();
  std::vector<std::string> excluded;
  excluded.reserve(exclude.size());
  for (const std::string& e : exclude) excluded.push_back(normal_form(e, cwd));
  auto is_excluded = [&](const std::string& file) {
    if (excluded.empty()) return false;
    const std::string normal = normal_form(file, cwd);
    return std::any_of(excluded.begin(), excluded.end(), [&](const auto& e) { return is_below(normal, e); });
  };
  std::vector<PolicyInput> out;
  std::optional<ProjectConfigs> own_projects;
  if (projects == nullptr) projects = &own_projects.emplace(files);
  WalkFilter filter(files, *projects);
  for (const std::string& raw : paths) {
    const std::string path = strip_trailing_slashes(raw);
    switch (files.kind(path)) {
      case PathKind::kMissing: return Unexpected(IoError{path, "no such file or directory"});
      case PathKind::kOther: return Unexpected(IoError{path, "not a regular file or directory"});
      case PathKind::kFile: out.push_back({path, without_extension(file_name(path)), true}); break;
      case PathKind::kDirectory: {
        auto listed = files.list_files(path);
        if (!listed) return Unexpected(listed.error());
        const std::string prefix = path == "/" ? "/" : path + "/";
        for (const std::string& file : *listed) {
          const bool policy = ends_with(file, ".toml") && file_name(file) != kProjectFileName;
          if (!policy && !ends_with(file, ".mobileconfig") && !ends_with(file, ".json")) continue;
          if (is_excluded(file) || filter.skips(path, file)) continue;
          const std::string relative = file.compare(0, prefix.size(), prefix) == 0 ? file.substr(prefix.size()) : file;
          std::string display = file.compare(0, 2, "./") == 0 ? file.substr(2) : file;
          out.push_back({std::move(display), without_extension(relative), false, path});
        }
        break;
      }
    }
  }
  drop_built_declarations(out);
  return out;
}

}  // namespace profilec
