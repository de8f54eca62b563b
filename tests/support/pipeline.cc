#include "support/pipeline.h"

#include <algorithm>

#include "diag/render_human.h"
#include "project/discover.h"

namespace profilec::testing {
namespace {

// Certificate dates are checked against a fixed clock, 2026-01-01T00:00:00Z,
// so that the tests (and the rule pages' examples) never age.
CompileInputs inputs_for(const FileSystem& files, const Environment& env, SecretMode secrets) {
  CompileInputs inputs{files, env, secrets};
  inputs.expiry.now = kTestNow;
  return inputs;
}

}  // namespace

std::vector<std::string> PipelineRun::codes() const {
  std::vector<std::string> out;
  for (const Diagnostic& d : result.diagnostics.all()) out.emplace_back(info(d.code).id);
  return out;
}

bool PipelineRun::has_code(std::string_view id) const {
  const auto all = codes();
  return std::find(all.begin(), all.end(), id) != all.end();
}

const Diagnostic* PipelineRun::first(std::string_view id) const {
  for (const Diagnostic& d : result.diagnostics.all()) {
    if (info(d.code).id == id) return &d;
  }
  return nullptr;
}

std::string PipelineRun::rendered() const {
  std::string out;
  for (const Diagnostic& d : result.diagnostics.all()) out += render_human(d, sources);
  return out;
}

PipelineRun compile_tree(const MemoryFileSystem& files, const std::string& dir, SecretMode secrets,
                         std::map<std::string, std::string> environment) {
  return compile_paths(files, {dir}, secrets, std::move(environment));
}

PipelineRun compile_paths(const MemoryFileSystem& files, const std::vector<std::string>& paths, SecretMode secrets,
                          std::map<std::string, std::string> environment) {
  PipelineRun run;
  MapEnvironment env(std::move(environment));
  auto inputs = discover_policies(files, paths);
  if (!inputs) {
    run.result.io_errors.push_back(inputs.error());
    return run;
  }
  run.result = compile_policies(*inputs, inputs_for(files, env, secrets), run.sources);
  return run;
}

PipelineRun compile_policy_text(const std::string& text, SecretMode secrets,
                                std::map<std::string, std::string> environment,
                                std::map<std::string, std::string> extra_files) {
  MemoryFileSystem files;
  files.add_file("policies/test.toml", text);
  for (auto& [path, contents] : extra_files) files.add_file(path, contents);
  PipelineRun run;
  MapEnvironment env(std::move(environment));
  std::vector<PolicyInput> inputs{PolicyInput{"policies/test.toml", "test", true}};
  for (const auto& [path, contents] : extra_files) {  // a second policy, for the checks across profiles
    if (path.starts_with("policies/") && path.ends_with(".toml")) {
      inputs.push_back(PolicyInput{path, path.substr(9, path.size() - 14), true});
    }
  }
  run.result = compile_policies(inputs, inputs_for(files, env, secrets), run.sources);
  return run;
}

}  // namespace profilec::testing
