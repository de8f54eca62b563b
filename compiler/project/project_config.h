// profilec.toml, the project file (docs/language.md, "The project file"):
// defaults for every policy below its folder, the root that fragment names
// are relative to, and rule severities.
//
// Which one applies to a policy: the nearest profilec.toml in the policy's
// folder or a parent folder, going up the path as it was given: up to the
// current directory for relative paths, up to / for absolute ones. Nearer
// project files replace farther ones; they are not merged.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/file_system.h"
#include "diag/diagnostic.h"
#include "diag/source_map.h"
#include "lang/project_defaults.h"
#include "lang/resolve_uses.h"
#include "lower/secret_policy.h"
#include "project/discover.h"

namespace profilec {

enum class RuleLevel { kOff, kNote, kWarning, kError };

struct RuleSetting {
  RuleLevel level = RuleLevel::kError;
  SourceSpan span;  // the value in profilec.toml
};

// [signing]: where the build's signing identity and the MDM's push
// certificate are (docs/signing.md). Paths are relative to the project
// file's folder, stored here already joined; empty means not set. Secrets
// themselves never live in profilec.toml: only the names of the files or
// environment variables that hold them.
struct SigningConfig {
  std::string certificate;
  std::string key;
  std::string key_env;
  std::string chain;
  std::string pkcs12;
  std::string password_env;
  std::string password_file;
  std::string apns_certificate;
  std::optional<int> expiry_warning_days;
  // Each path field as written: its name, the joined path, the value's span
  // (for PC0027 when a link inside the repository leads out of it).
  struct PathField {
    std::string field;
    std::string path;
    SourceSpan span;
  };
  std::vector<PathField> path_fields;
  // Where each field's key is, by field name ("password_env"): messages
  // about a setting taken from here name it (profilec.toml:LINE:COL).
  std::map<std::string, SourceSpan> key_spans;
};

// [[targets]]: the target of existing .mobileconfig files (read as they
// are, never written) by folder or glob, since such a file has no [target]
// of its own. `paths` are patterns relative to the project file's folder,
// as `exclude`'s (exclude_pattern_matches, discover.h): a pattern that
// matches a folder applies to everything under it. The first entry that
// matches a file is its target.
struct RawTarget {
  std::vector<lang::Field<std::string>> paths;
  lang::TargetSection target;
  SourceSpan span;  // the [[targets]] header
};

// [schemas]: where app schemas come from (docs/app-schemas.md): folders of
// profilec schemas, ProfileManifests checkouts and JSON Schema manifests,
// stored joined to the project file's folder, in the order written.
struct SchemaSources {
  std::vector<lang::Field<std::string>> dirs;
  bool replace_apple = false;  // a manifest of a com.apple.* domain replaces Apple's embedded schema
};

struct ProjectConfig {
  std::string path;                          // "examples/acme-corp/profilec.toml"
  std::string root;                          // its folder; "" for the current directory
  lang::ProjectDefaults defaults;            // [profile] organization / id_prefix, [target]
  std::map<std::string, RuleSetting> rules;  // [rules], by code ("PC0010") whether written as code or name
  SigningConfig signing;                     // [signing]
  std::vector<RawTarget> raw_targets;        // [[targets]], in file order
  SchemaSources schemas;                     // [schemas]
  // Top-level `fail_on = "warning"`: the lowest severity that makes `check`
  // and `build` exit 1 (their --fail-on wins). nullopt: error.
  std::optional<Severity> fail_on;
  // Top-level `exclude = ["out", "vendor/**"]`: glob patterns relative to
  // `root`; folder walks skip the files and folders they match
  // (project/discover.h).
  std::vector<std::string> exclude;
  // [secrets] allow_env = ["ACME_*"]: the variables `{ env = }` may read
  // (docs/security.md); nullopt: the default, PROFILEC_*.
  std::optional<std::vector<std::string>> allow_env;
  // [declarations] profile_url = "https://mdm.example.com/profiles/": the
  // URL the built profiles are served under, for { profile = "NAME" } in a
  // declaration (docs/ddm.md, "Legacy profiles"); nullopt: not set.
  std::optional<lang::Field<std::string>> profile_url;
};

// The [[targets]] entry of `project` that applies to the .mobileconfig at
// `path` (a path as the run names it), or nullptr.
const RawTarget* raw_target_for(const ProjectConfig& project, const std::string& path);

// Parses and checks one project file's text. Everything it cannot use is
// reported (unknown tables and fields, wrong types, unknown rules) and left
// out; the rest still applies.
ProjectConfig parse_project_config(std::string_view text, const std::string& path, Diagnostics& diagnostics);

// Where `use` names of the policies under `project` lead (no project: only
// stdlib: names resolve).
lang::UseContext use_context(const ProjectConfig* project);

// What loading one project file reported: its findings (PC0003, PC0027,
// ...) and, when it could not be read, why.
struct ProjectFindings {
  Diagnostics diagnostics;
  std::vector<IoError> io_errors;
};

// The project files of one run, each found and parsed once and shared by
// everything the run asks of them: the folder walk (`exclude`), the
// command (`[signing]`, `fail_on`) and the compile. What a project file
// reports is kept with it and handed out once, to the first input that
// asks for it with a `first_report` (compile.cc: the first input in input
// order that it applies to), however early or often it was loaded.
// Not thread-safe: the compile uses it only on its coordinating thread.
class ProjectConfigs {
 public:
  explicit ProjectConfigs(const FileSystem& files) : files_(files) {}
  ProjectConfigs(const ProjectConfigs&) = delete;
  ProjectConfigs& operator=(const ProjectConfigs&) = delete;

  // The project file that applies to the policy (or fragment) at `path`;
  // nullptr when there is none (or it could not be loaded).
  // `first_report`: receives what that project file reported, if no one
  // took it before.
  const ProjectConfig* for_file(const std::string& path, ProjectFindings* first_report = nullptr);
  // The project file that applies to a path named on the command line: a
  // folder's own profilec.toml applies to the folder.
  const ProjectConfig* for_named_path(const std::string& path);
  // A project file named on the command line: checked like any other.
  const ProjectConfig* load(const std::string& path, ProjectFindings* first_report = nullptr);

  // The text of every project file loaded so far, for the renderers.
  const SourceMap& sources() const { return sources_; }

 private:
  struct Loaded {
    std::unique_ptr<ProjectConfig> config;  // nullptr: not loaded (reported)
    ProjectFindings findings;
    bool reported = false;  // findings handed out
  };
  Loaded& load_once(const std::string& path);
  static const ProjectConfig* report_once(Loaded* loaded, ProjectFindings* first_report);

  const FileSystem& files_;
  SourceMap sources_;
  std::map<std::string, Loaded> by_path_;
  std::map<std::string, Loaded*> by_dir_;  // nullptr: no project file above
};

// Applies the project's [rules] severities to the findings of one policy
// (or fragment) under it. Does nothing without a project.
// `compiled`: false when the policy could not be compiled; its errors then
// keep their level whatever [rules] says.
void apply_project_rules(const ProjectConfig* project, Diagnostics& diagnostics, bool compiled);

// The repository root of an input (docs/security.md): the folder of the
// profilec.toml that applies to it; without one, the current directory
// for a relative path that stays below it, else the folder named on the
// command line that it was found in, else its own folder.
std::string repository_root(const ProjectConfig* project, const PolicyInput& input);
// The same, for a file whose profilec.toml is not loaded yet: found by
// looking for it up the path (only FileSystem::kind; safe on any thread).
std::string repository_root(const FileSystem& files, const PolicyInput& input);

// repository_root(files, input) for the inputs of one run, the walk up the
// path made once per folder instead of once per file (1,000 policies in one
// folder: one walk, not 1,000). Not thread-safe: fill it on one thread.
class RepositoryRoots {
 public:
  explicit RepositoryRoots(const FileSystem& files) : files_(files) {}
  std::string root(const PolicyInput& input);

 private:
  const FileSystem& files_;
  // Folder as written in the input's path -> the folder of the profilec.toml
  // found above it, or nullopt when there is none.
  std::unordered_map<std::string, std::optional<std::string>> by_folder_;
};

// PC0027 for an input (policy, fragment, profilec.toml, .mobileconfig) at
// `path` that really leads outside the repository at `root`; true when it
// was reported and must not be read.
bool report_input_outside_repository(const FileSystem& files, const std::string& path, const std::string& root,
                                     Diagnostics& diagnostics);

// What `{ env = }` may read in the policies under `project`: its [secrets]
// allow_env (or the default), never the variables and files its [signing]
// uses nor those in `run_secrets` (the command line's signing options).
SecretPolicy secret_policy(const ProjectConfig* project, const std::vector<SigningSecret>& run_secrets);

// True for a path whose file name is profilec.toml.
bool is_project_file(const std::string& path);

}  // namespace profilec
