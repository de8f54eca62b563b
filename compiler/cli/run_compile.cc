#include "cli/run_compile.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "cli/exit_codes.h"
#include "project/project_config.h"

namespace profilec::cli {

CompileRun run_compile(const std::vector<std::string>& paths, const CompileInputs& inputs, const GlobalOptions& globals,
                       PrintFindings print) {
  CompileRun run;
  std::optional<ProjectConfigs> own_projects;
  ProjectConfigs& projects = inputs.projects ? *inputs.projects : own_projects.emplace(inputs.files);
  auto discovered = discover_policies(inputs.files, paths, inputs.exclude, &projects);
  if (!discovered) {
    print_io_error(discovered.error());
    run.exit_code = kExitUsage;
    return run;
  }
  SourceMap& sources = run.sources;
  CompileInputs run_inputs = inputs;
  run_inputs.projects = &projects;
  run.result = compile_policies(*discovered, run_inputs, sources);
  for (const IoError& error : run.result.io_errors) print_io_error(error);
  if (print == PrintFindings::kYes) print_diagnostics(run.result.diagnostics, sources, globals.report);
  if (!run.result.io_errors.empty()) {
    run.exit_code = kExitUsage;
    return run;
  }
  // --fail-on, else the `fail_on` of the profilec.toml that applies to the
  // first path the command names.
  Severity fail_on = Severity::kError;
  if (inputs.fail_on) {
    fail_on = *inputs.fail_on;
  } else if (const ProjectConfig* project = paths.empty() ? nullptr : projects.for_named_path(paths.front())) {
    fail_on = project->fail_on.value_or(Severity::kError);
  }
  const auto& all = run.result.diagnostics.all();
  if (std::any_of(all.begin(), all.end(), [&](const Diagnostic& d) { return d.severity >= fail_on; })) {
    run.exit_code = kExitFindings;
  }
  return run;
}

}  // namespace profilec::cli
