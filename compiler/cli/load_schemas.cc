#include "cli/load_schemas.h"

#include <fmt/format.h>

#include "base/environment.h"
#include "cli/version.h"
#include "manifest/app_schema_folders.h"
#include "project/project_config.h"

namespace profilec::cli {
namespace {

void print_schema_error(const schema::SchemaError& error) {
  if (error.line != 0) {
    fmt::print(stderr, "{}:{}:{}: error: invalid schema: {}\n", error.path, error.line, error.column, error.message);
  } else {
    fmt::print(stderr, "{}: error: invalid schema: {}\n", error.path, error.message);
  }
}

// Manifest findings, one line each (with the help line): the folders are
// not inputs of the run, so they are not rendered with the source lines.
void print_manifest_findings(const Diagnostics& diagnostics) {
  for (const Diagnostic& d : diagnostics.all()) {
    if (d.severity == Severity::kNote) continue;
    const DiagnosticInfo& rule = info(d.code);
    if (d.span.begin.known()) {
      fmt::print(stderr, "{}:{}:{}: {}[{}]: {}\n", d.span.path_or_empty(), d.span.begin.line, d.span.begin.column,
                 severity_name(d.severity), rule.id, d.message);
    } else {
      fmt::print(stderr, "{}: {}[{}]: {}\n", d.span.path_or_empty(), severity_name(d.severity), rule.id, d.message);
    }
    if (!d.help.empty()) fmt::print(stderr, "  help: {}\n", d.help);
  }
}

manifest::ManifestCacheOptions cache_options(const GlobalOptions& globals, DiskFileSystem& files) {
  if (globals.no_manifest_cache) return {};
  auto dir = manifest::manifest_cache_dir(ProcessEnvironment());
  auto identity = program_identity(files);
  if (!dir || !identity) return {};
  return {&files, *dir, *identity};
}

}  // namespace

std::optional<schema::SchemaSet> load_schemas(const GlobalOptions& globals, const std::string& anchor) {
  schema::SchemaSet schemas = schema::SchemaSet::embedded();
  DiskFileSystem files;
  ProjectConfigs projects(files);
  const ProjectConfig* project = projects.for_named_path(anchor.empty() ? "." : anchor);
  std::vector<std::string> dirs;
  bool replace_apple = globals.schema_replace_apple;
  if (project) {
    for (const auto& dir : project->schemas.dirs) dirs.push_back(dir.value);
    replace_apple = replace_apple || project->schemas.replace_apple;
  }
  dirs.insert(dirs.end(), globals.schema_dirs.begin(), globals.schema_dirs.end());
  manifest::AppSchemaLoader loader(files, schemas,
                                   manifest::AppSchemaOptions{replace_apple, cache_options(globals, files)});
  Diagnostics findings;
  for (const std::string& dir : dirs) {
    if (auto error = loader.add_folder(dir, findings)) {
      print_manifest_findings(findings);
      print_schema_error(*error);
      return std::nullopt;
    }
  }
  print_manifest_findings(findings);
  if (findings.has_errors()) return std::nullopt;
  return schemas;
}

}  // namespace profilec::cli
