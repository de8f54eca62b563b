#include "cli/run_compile.h"

#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "cli/exit_codes.h"
#include "project/project_config.h"

namespace profilec::cli {
namespace {

// The `fail_on` of the profilec.toml that applies to `path` (the first path
// the command names), as [signing] is found.
std::optional<Severity> project_fail_on(const std::string& path, const FileSystem& files) {
  Diagnostics ignored;  // reported by the compile
  SourceMap sources;
  std::vector<IoError> io_errors;
  ProjectConfigs projects(files, ignored, sources, io_errors);
  const std::string probe = files.kind(path) == PathKind::kDirectory ? join_path(path, "probe") : path;
  const ProjectConfig* project = projects.for_file(probe);
  return project ? project->fail_on : std::nullopt;
}

}  // namespace

CompileRun run_compile(const std::vector<std::string>& paths, SecretMode secrets, FileSystem& files,
                       const Environment& environment, const schema::SchemaSet& schemas,
                       const GlobalOptions& globals, const CompileExtras& extras) {
  CompileRun run;
  auto discovered = discover_policies(files, paths, extras.exclude);
  if (!discovered) {
    print_io_error(discovered.error());
    run.exit_code = kExitUsage;
    return run;
  }
  SourceMap sources;
  CompileInputs inputs{files, environment, secrets, &schemas};
  inputs.expiry = extras.expiry;
  inputs.decrypt_with = extras.decrypt_with;
  inputs.signing_secrets = extras.signing_secrets;
  inputs.jobs = extras.jobs;
  inputs.finish = extras.finish;
  inputs.mobileconfig_target = extras.mobileconfig_target;
  if (extras.apns_certificate) {
    inputs.apns_certificate = &*extras.apns_certificate;
    inputs.apns_span = whole_file_span(std::make_shared<const std::string>(extras.apns_path));
  }
  run.result = compile_policies(*discovered, inputs, sources);
  if (!extras.findings.empty()) {
    Diagnostics all = extras.findings;
    all.append(run.result.diagnostics);
    run.result.diagnostics = std::move(all);
  }
  for (const IoError& error : run.result.io_errors) print_io_error(error);
  print_diagnostics(run.result.diagnostics, sources, globals.report);
  if (!run.result.io_errors.empty()) {
    run.exit_code = kExitUsage;
    return run;
  }
  Severity fail_on = Severity::kError;
  if (extras.fail_on) fail_on = *extras.fail_on;
  else if (!paths.empty()) fail_on = project_fail_on(paths.front(), files).value_or(Severity::kError);
  const auto& all = run.result.diagnostics.all();
  if (std::any_of(all.begin(), all.end(), [&](const Diagnostic& d) { return d.severity >= fail_on; })) {
    run.exit_code = kExitFindings;
  }
  return run;
}

}  // namespace profilec::cli
