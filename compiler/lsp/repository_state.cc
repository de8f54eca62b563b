#include "lsp/repository_state.h"

#include <algorithm>
#include <tuple>

#include "base/parallel.h"
#include "project/discover.h"
#include "project/project_config.h"

namespace profilec::lsp {
namespace {

bool same_finding(const Diagnostic& a, const Diagnostic& b) {
  return a.code == b.code && a.span.begin == b.span.begin && a.span.end == b.span.end && a.message == b.message;
}

}  // namespace

RepositoryState::Entry& RepositoryState::entry_for(const std::string& path) {
  const auto it = index_.find(path);
  if (it != index_.end()) return entries_[it->second];
  index_.emplace(path, entries_.size());
  entries_.push_back({PolicyInput{path, "", /*named_explicitly=*/true}, nullptr});
  Entry& entry = entries_.back();
  // The output name `build` gives it: its path below the root (else its
  // file name), without ".toml".
  const std::string folder = root_.empty() ? parent_path(path) : root_;
  std::string name = !folder.empty() && path.starts_with(folder + "/") ? path.substr(folder.size() + 1) : path;
  if (name.ends_with(".toml")) name.resize(name.size() - 5);
  entry.input.output_name = std::move(name);
  return entry;
}

void RepositoryState::compile_entry(Entry& entry, const FileSystem& files) {
  CompileInputs inputs{files, settings_.environment, SecretMode::kPlaceholder, &settings_.schemas};
  inputs.expiry = settings_.expiry;
  inputs.jobs = 1;
  inputs.across_files = false;
  SourceMap sources;
  entry.result = std::make_unique<CompileResult>(compile_policies({entry.input}, inputs, sources));
  sources_.take(std::move(sources));
}

void RepositoryState::load(const FileSystem& files) {
  if (loaded_) return;
  loaded_ = true;
  if (!root_.empty()) {
    ProjectConfigs projects(files);
    auto found = discover_policies(files, {root_}, {}, &projects);
    if (found) {
      for (PolicyInput& input : *found) {
        if (index_.contains(input.path)) continue;
        index_.emplace(input.path, entries_.size());
        entries_.push_back({std::move(input), nullptr});
      }
    }
  }
  // Each file alone, on every core: the results do not depend on the order.
  std::vector<SourceMap> sources(entries_.size());
  std::vector<std::unique_ptr<CompileResult>> results(entries_.size());
  parallel_for(entries_.size(), 0, [&](std::size_t i) {
    CompileInputs inputs{files, settings_.environment, SecretMode::kPlaceholder, &settings_.schemas};
    inputs.expiry = settings_.expiry;
    inputs.jobs = 1;
    inputs.across_files = false;
    results[i] = std::make_unique<CompileResult>(compile_policies({entries_[i].input}, inputs, sources[i]));
  });
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    entries_[i].result = std::move(results[i]);
    sources_.take(std::move(sources[i]));
  }
  analyze_across(files);
}

void RepositoryState::update(const std::string& path, const FileSystem& files) {
  load(files);
  if (is_project_file(path)) {
    for (Entry& entry : entries_) compile_entry(entry, files);
    // The project file itself, checked as `check profilec.toml` does.
    compile_entry(entry_for(path), files);
    analyze_across(files);
    return;
  }
  compile_entry(entry_for(path), files);
  // The policies that use it as a fragment see the new text too.
  const SourceSpan whole = whole_file_span(std::make_shared<const std::string>(path));
  for (Entry& entry : entries_) {
    if (entry.input.path != path && entry.result && entry.result->fragment_sites.find(whole) != nullptr)
      compile_entry(entry, files);
  }
  analyze_across(files);
}

void RepositoryState::analyze_across(const FileSystem& files) {
  AcrossFiles across;
  for (const Entry& entry : entries_) {
    if (!entry.result) continue;
    for (const CompiledProfile& profile : entry.result->profiles) across.profiles.push_back(&profile);
    for (const ir::Profile& profile : entry.result->read_profiles) across.read_profiles.push_back(&profile);
    across.fragment_sites.push_back(&entry.result->fragment_sites);
    across.unused_suppressions.insert(across.unused_suppressions.end(), entry.result->unused_suppressions.begin(),
                                      entry.result->unused_suppressions.end());
  }
  ProjectConfigs projects(files);
  across_ = report_across_files(across, settings_.schemas, sources_, projects);
}

std::vector<Diagnostic> RepositoryState::diagnostics_for(const std::string& path) const {
  std::vector<Diagnostic> found;
  const auto add = [&](const Diagnostics& diagnostics) {
    for (const Diagnostic& d : diagnostics.all()) {
      if (!d.span.known() || *d.span.path != path) continue;
      if (std::any_of(found.begin(), found.end(), [&](const Diagnostic& seen) { return same_finding(seen, d); }))
        continue;
      found.push_back(d);
    }
  };
  // The file's own results first, then what other files' checks reported
  // there (a fragment's or profilec.toml's problems, at their first user).
  const auto own = index_.find(path);
  if (own != index_.end() && entries_[own->second].result) add(entries_[own->second].result->diagnostics);
  for (const Entry& entry : entries_) {
    if (entry.result && entry.input.path != path) add(entry.result->diagnostics);
  }
  add(across_);
  return found;
}

std::vector<std::string> RepositoryState::fragment_names() const {
  std::vector<std::string> names;
  if (root_.empty()) return names;
  for (const Entry& entry : entries_) {
    const std::string& path = entry.input.path;
    if (!path.ends_with(".toml") || is_project_file(path) || !path.starts_with(root_ + "/")) continue;
    const std::string* text = sources_.text(path);
    if (text == nullptr || text->starts_with("[profile]") || text->find("\n[profile]") != std::string::npos) continue;
    names.push_back(path.substr(root_.size() + 1, path.size() - root_.size() - 1 - 5));
  }
  return names;
}

}  // namespace profilec::lsp
