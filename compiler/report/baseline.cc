#include "report/baseline.h"

#include <fmt/format.h>

#include "base/environment.h"
#include "base/overlay_file_system.h"
#include "lang/parse_fragment.h"
#include "lang/stdlib.h"
#include "project/compile.h"
#include "project/project_config.h"

namespace profilec::report {
namespace {

constexpr std::string_view kStdlibPrefix = "stdlib:";
constexpr std::string_view kPolicyName = ".profilec-report-baseline.toml";

std::string errors_of(const Diagnostics& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics.all()) {
    if (d.severity != Severity::kError) continue;
    if (!out.empty()) out += "\n";
    if (d.span.known()) {
      out += fmt::format("{}:{}:{}: ", d.span.path_or_empty(), d.span.begin.line, d.span.begin.column);
    }
    out += d.message;
  }
  return out.empty() ? "the baseline does not compile" : out;
}

std::string folder_of(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
}

struct Located {
  std::string text;      // the fragment's TOML
  std::string use_name;  // how the synthetic policy names it
  std::string shown;     // how the report names it
  std::string folder;    // where the synthetic policy goes ("" or ending in '/')
  bool needs_project = false;
};

Expected<Located, std::string> locate(const std::string& name, const FileSystem& files) {
  const bool stdlib_name = name.rfind(kStdlibPrefix, 0) == 0;
  const std::string bare = stdlib_name ? name.substr(kStdlibPrefix.size()) : name;
  if (stdlib_name || files.kind(name) != PathKind::kFile) {
    if (const auto text = lang::find_stdlib_fragment(bare)) {
      return Located{std::string(*text), fmt::format("stdlib:{}", bare), fmt::format("stdlib:{}", bare), "", false};
    }
    return Unexpected(fmt::format("baseline '{}' is neither a stdlib fragment (profilec stdlib list) nor a file",
                                  name));
  }
  auto text = files.read_file(name);
  if (!text) return Unexpected(fmt::format("{}: {}", name, text.error().message));
  const std::string folder = folder_of(name);
  std::string file = name.substr(folder.size());
  if (file.size() < 6 || file.substr(file.size() - 5) != ".toml") {
    return Unexpected(fmt::format("{}: a baseline fragment is a .toml file", name));
  }
  file.resize(file.size() - 5);
  Located located{std::move(*text), file, name, folder, false};
  // Plain `use` names resolve below the profilec.toml that applies.
  ProjectConfigs projects(files);
  const ProjectConfig* project = projects.for_file(folder + std::string(kPolicyName));
  if (project == nullptr) {
    located.needs_project = true;
  } else {
    const std::string root = project->root.empty() ? "" : project->root + "/";
    const std::string stem = name.substr(0, name.size() - 5);
    if (stem.rfind(root, 0) == 0) located.use_name = stem.substr(root.size());
  }
  return located;
}

}  // namespace

Expected<Baseline, std::string> load_baseline(const std::string& name, const FileSystem& files,
                                              const schema::SchemaSet& schemas) {
  auto located = locate(name, files);
  if (!located) return Unexpected(located.error());
  Diagnostics diagnostics;
  const auto fragment = lang::parse_fragment(located->text, located->shown, diagnostics);
  if (!fragment || diagnostics.has_errors()) return Unexpected(errors_of(diagnostics));
  if (!fragment->type) return Unexpected(fmt::format("{}: the fragment names no payload type", located->shown));
  Baseline baseline;
  baseline.name = located->shown;
  baseline.payload_type = fragment->type->value;
  if (fragment->description) baseline.description = fragment->description->value;
  for (const auto& p : fragment->platforms) {
    if (const auto platform = schema::platform_from_name(p.value)) baseline.platforms.push_back(*platform);
  }

  // A profile with one payload that uses the fragment, compiled in memory.
  const std::string policy_path = located->folder + std::string(kPolicyName);
  OverlayFileSystem overlay(files);
  overlay.add_file(policy_path, fmt::format("[profile]\nid = \"profilec.report.baseline\"\n\n"
                                            "[payload.baseline]\ntype = \"{}\"\nuse = [\"{}\"]\n",
                                            baseline.payload_type, located->use_name));
  if (located->needs_project) overlay.add_file(located->folder + "profilec.toml", "");
  const MapEnvironment environment;
  CompileInputs inputs{overlay, environment, SecretMode::kPlaceholder, &schemas};
  inputs.jobs = 1;
  SourceMap sources;
  CompileResult result = compile_policies({PolicyInput{policy_path, "baseline", true}}, inputs, sources);
  if (result.profiles.empty() || result.profiles[0].profile.payloads.empty()) {
    return Unexpected(errors_of(result.diagnostics));
  }
  // The keys the fragments set: not the ones the payload gets from its
  // policy (PayloadIdentifier, PayloadUUID, ...).
  for (const ir::DictEntry& entry : result.profiles[0].profile.payloads[0].content.dict()) {
    if (!entry.key_span.known() || entry.key_span.path_or_empty() == policy_path) continue;
    baseline.settings.push_back(BaselineSetting{entry.key, entry.value, entry.key_span});
  }
  return baseline;
}

}  // namespace profilec::report
