#include "import/import_profile.h"

#include <fmt/format.h>

#include "base/environment.h"
#include "base/overlay_file_system.h"
#include "base/size_limit.h"
#include "import/allow_comments.h"
#include "import/plist_difference.h"
#include "lang/toml_limits.h"
#include "project/compile.h"
#include "project/project_config.h"

namespace profilec::import {
namespace {

// Rounds of allow comments before giving up: schema and target findings,
// then the analysis across payloads that only runs once those are allowed.
constexpr int kAllowRounds = 3;

struct Compiled {
  CompileResult result;
  std::vector<Diagnostic> errors_here;  // at error level, located in the policy
  std::vector<Diagnostic> errors_elsewhere;
};

Compiled compile(const ImportedPolicy& policy, const ImportContext& context) {
  OverlayFileSystem files(context.files);
  files.add_file(policy.path, policy.source.text);
  for (const SideFile& file : policy.source.files)
    files.add_file(join_path(parent_path(policy.path), file.name), file.bytes);
  std::map<std::string, std::string> variables;
  for (const SecretVariable& secret : policy.source.secrets) variables[secret.name] = secret.value;
  const MapEnvironment environment(std::move(variables));
  CompileInputs inputs{files, environment, SecretMode::kResolve, &context.schemas};
  inputs.expiry = context.expiry;
  SourceMap sources;
  Compiled out{compile_policies({PolicyInput{policy.path, "policy", true}}, inputs, sources), {}, {}};
  for (const Diagnostic& d : out.result.diagnostics.all()) {
    if (d.severity != Severity::kError) continue;
    (d.span.known() && *d.span.path == policy.path ? out.errors_here : out.errors_elsewhere).push_back(d);
  }
  return out;
}

bool project_sets_organization(const FileSystem& files, const std::string& policy_path) {
  ProjectConfigs projects(files);  // its findings are check's
  const ProjectConfig* project = projects.for_file(policy_path);
  return project && project->defaults.organization.has_value();
}

}  // namespace

void report_not_built(const SourceSpan& where, const std::vector<Diagnostic>& errors, Diagnostics& diagnostics) {
  Diagnostic& d = diagnostics.report(DiagnosticCode::PC0030, where, "the imported policy would not build",
                                     "this is a bug in profilec import: please report it with the file imported");
  for (const Diagnostic& error : errors) {
    d.notes.push_back({whole_file_span(error.span.path), fmt::format("{}: {}", info(error.code).id, error.message)});
  }
}

std::optional<CompileResult> compile_imported(ImportedPolicy& policy, const ImportContext& context,
                                              const SourceSpan& where, Diagnostics& diagnostics) {
  // The analysis across payloads (PC3xxx) runs only on a profile without
  // errors, so allowing one round of errors can reveal the next.
  Compiled compiled = compile(policy, context);
  for (int round = 0; round < kAllowRounds && !compiled.errors_here.empty(); ++round) {
    if (!compiled.result.io_errors.empty() || !compiled.errors_elsewhere.empty()) break;
    policy.kept.insert(policy.kept.end(), compiled.errors_here.begin(), compiled.errors_here.end());
    policy.source.text = add_allow_comments(policy.source.text, compiled.errors_here);
    compiled = compile(policy, context);
  }
  for (const IoError& error : compiled.result.io_errors) {
    diagnostics.report(DiagnosticCode::PC0030, where,
                       fmt::format("the policy could not be checked where it would be written: {}: {}", error.path,
                                   error.message));
  }
  for (const Diagnostic& d : compiled.errors_elsewhere) diagnostics.mutable_all().push_back(d);
  if (diagnostics.has_errors()) return std::nullopt;  // the folder's profilec.toml, most likely
  if (!compiled.errors_here.empty()) {
    report_not_built(where, compiled.errors_here, diagnostics);
    return std::nullopt;
  }
  for (const Diagnostic& d : compiled.result.diagnostics.all()) {
    if (d.severity != Severity::kError) ++policy.warnings;
  }
  return std::move(compiled.result);
}

namespace {

// import_profile() with its own findings: any error means no policy.
std::optional<ImportedPolicy> import_checked(const ir::Profile& profile, const std::string& folder,
                                             const std::string& stem, const std::string& source_name,
                                             ImportContext& context, Diagnostics& diagnostics) {
  const std::string name = context.names.files.claim(slug(stem, "profile"), ".toml");
  ImportedPolicy policy;
  policy.path = join_path(folder, name);
  ImportOptions options;
  options.keep_secrets = context.keep_secrets;
  options.project_sets_organization = project_sets_organization(context.files, policy.path);
  auto source = write_policy(profile, name.substr(0, name.size() - 5), source_name, context.schemas, options,
                             context.names, diagnostics);
  if (!source) return std::nullopt;
  policy.source = std::move(*source);
  if (policy.source.text.size() > lang::kMaxTomlBytes) {
    // Strings stay inline (only <data> can go to a file of its own).
    diagnostics.report(DiagnosticCode::PC0030, profile.envelope.span,
                       fmt::format("the policy would be {}",
                                   over_size_limit_message(policy.source.text.size(), lang::kMaxTomlBytes,
                                                           "policy files")),
                       "the profile's strings are too long for policy source; <data> values go to files of their "
                       "own, strings cannot");
    return std::nullopt;
  }

  const SourceSpan& where = profile.envelope.span;
  auto result = compile_imported(policy, context, where, diagnostics);
  if (!result) return std::nullopt;
  if (result->profiles.size() != 1) {
    report_not_built(where, {}, diagnostics);
    return std::nullopt;
  }
  const ir::Value rebuilt = ir::profile_to_plist(result->profiles.front().profile);
  if (auto path = plist_difference(original_plist(profile), rebuilt)) {
    diagnostics.report(DiagnosticCode::PC0030, where,
                       fmt::format("the imported policy would not build the same profile: it differs at {}",
                                   path->empty() ? "the top level" : *path),
                       "this is a bug in profilec import: please report it with the .mobileconfig");
    return std::nullopt;
  }
  return policy;
}

}  // namespace

std::optional<ImportedPolicy> import_profile(const ir::Profile& profile, const std::string& folder,
                                             const std::string& stem, const std::string& source_name,
                                             ImportContext& context, Diagnostics& diagnostics) {
  Diagnostics found;
  std::optional<ImportedPolicy> policy = import_checked(profile, folder, stem, source_name, context, found);
  diagnostics.append(found);
  if (found.has_errors()) return std::nullopt;
  return policy;
}

}  // namespace profilec::import
