#include "cli/fix_files.h"

#include <map>

#include "base/stdlib_path.h"

namespace profilec::cli {
namespace {

// TOML the repository holds: a policy, a fragment or profilec.toml.
bool editable_file(const std::string& path) { return path.ends_with(".toml") && !is_stdlib_path(path); }

}  // namespace

std::vector<FileFixes> plan_fixes(const Diagnostics& diagnostics, const SourceMap& sources) {
  std::map<std::string, std::vector<DiagnosticFix>> by_file;
  for (const Diagnostic& d : diagnostics.all()) {
    for (const DiagnosticFix& fix : d.fixes) {
      if (fix.span.known() && editable_file(*fix.span.path)) by_file[*fix.span.path].push_back(fix);
    }
  }
  std::vector<FileFixes> plan;
  for (auto& [path, fixes] : by_file) {
    const std::string* text = sources.text(path);
    if (!text) continue;  // not read by this run: nothing to check the edit against
    FixedText fixed = apply_fixes(*text, fixes);
    plan.push_back({path, *text, std::move(fixed.text), fixed.applied, std::move(fixed.skipped)});
  }
  return plan;
}

std::optional<IoError> write_fixes(FileSystem& files, const std::vector<FileFixes>& plan) {
  std::vector<std::pair<std::string, std::string>> writes;
  for (const FileFixes& file : plan) {
    if (file.after == file.before) continue;
    // A symbolic link is rewritten where it leads, and stays a link.
    std::string target = file.path;
    if (files.is_symbolic_link(file.path)) {
      auto resolved = files.resolve(file.path);
      if (!resolved) return resolved.error();
      target = resolved->real;
    }
    if (auto refused = files.refuse_rewrite(target)) return IoError{file.path, refused->message};
    auto now = files.read_file(target);
    if (!now) return IoError{file.path, now.error().message};
    if (*now != file.before) return IoError{file.path, "the file changed since it was checked; nothing was fixed"};
    writes.emplace_back(std::move(target), file.after);
  }
  if (writes.empty()) return std::nullopt;
  return files.write_files_atomically(writes);
}

}  // namespace profilec::cli
