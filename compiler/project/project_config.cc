#include "project/project_config.h"

#include "diag/severity_overrides.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "base/pattern.h"
#include "base/repository_boundary.h"
#include "base/spelling.h"
#include "lang/language_tables.h"
#include "lang/toml_limits.h"
#include "lang/toml_reader.h"
#include "project/discover.h"

namespace profilec {
namespace {

std::string file_name(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// A rule by its code ("PC0010", any letter case) or its name ("empty-profile").
const DiagnosticInfo* find_rule(std::string_view written) {
  for (const DiagnosticInfo& d : all_diagnostics()) {
    const bool same_code = written.size() == d.id.size() &&
                           std::equal(written.begin(), written.end(), d.id.begin(),
                                      [](char a, char b) { return std::toupper(static_cast<unsigned char>(a)) == b; });
    if (same_code || written == d.name) return &d;
  }
  return nullptr;
}

class ProjectParser {
 public:
  ProjectParser(ProjectConfig& config, Diagnostics& diagnostics)
      : config_(config), diagnostics_(diagnostics), reader_(diagnostics) {}

  void parse(const toml::table& root) {
    for (const auto& [key, node] : lang::in_source_order(root)) {
      const std::string name(key->str());
      if (name == "profile") {
        if (const toml::table* table = reader_.expect_table(*key, *node)) parse_profile(*table);
      } else if (name == "target") {
        if (const toml::table* table = reader_.expect_table(*key, *node)) {
          config_.defaults.target = reader_.target(*table, *key);
        }
      } else if (name == "targets") {
        parse_raw_targets(*key, *node);
      } else if (name == "rules") {
        if (const toml::table* table = reader_.expect_table(*key, *node)) parse_rules(*table);
      } else if (name == "signing") {
        if (const toml::table* table = reader_.expect_table(*key, *node)) parse_signing(*table);
      } else if (name == "secrets") {
        if (const toml::table* table = reader_.expect_table(*key, *node)) parse_secrets(*table);
      } else if (name == "schemas") {
        if (const toml::table* table = reader_.expect_table(*key, *node)) parse_schemas(*table);
      } else if (name == "declarations") {
        if (const toml::table* table = reader_.expect_table(*key, *node)) parse_declarations(*table);
      } else if (name == "fail_on") {
        parse_fail_on(*node);
      } else if (name == "exclude") {
        parse_exclude(*node);
      } else if (name == "organization" || name == "id_prefix") {
        diagnostics_.report(DiagnosticCode::PC0002, lang::span_of(key->source()),
                            fmt::format("'{}' outside a table in profilec.toml", name),
                            fmt::format("write it in the [profile] table: [profile] then {} = ...", name));
      } else {
        reader_.unknown(DiagnosticCode::PC0002, *key,
                        fmt::format("unknown top-level table '{}' in profilec.toml", name),
                        {"profile", "target", "targets", "rules", "signing", "secrets", "schemas", "declarations",
                         "fail_on", "exclude"},
                        "profilec.toml has [profile], [target], [[targets]], [rules], [signing], [secrets], "
                        "[schemas] and [declarations] tables "
                        "and the top-level keys fail_on and exclude");
      }
    }
  }

 private:
  // A pattern of `exclude` or of `[[targets]]` paths: a relative path below
  // profilec.toml's folder (trailing slashes dropped); nullopt, reported,
  // for anything else.
  std::optional<std::string> project_pattern(std::string pattern, std::string_view field, const SourceSpan& span) {
    const std::string written = pattern;
    while (pattern.size() > 1 && pattern.back() == '/') pattern.pop_back();
    const bool parent = pattern == ".." || pattern.starts_with("../") || pattern.find("/../") != std::string::npos ||
                        pattern.ends_with("/..");
    if (pattern.empty() || pattern.front() == '/' || parent) {
      diagnostics_.report(DiagnosticCode::PC0004, span,
                          fmt::format("{} pattern '{}' must be a relative path below profilec.toml's folder", field,
                                      written),
                          "patterns are relative to the folder of profilec.toml, e.g. \"out\" or \"**/build\"");
      return std::nullopt;
    }
    return pattern;
  }

  void parse_raw_targets(const toml::key& key, const toml::node& node) {
    const toml::array* entries = node.as_array();
    if (!entries || !entries->is_array_of_tables()) {
      diagnostics_.report(DiagnosticCode::PC0004, lang::span_of(key.source()),
                          "targets must be an array of tables: [[targets]]",
                          "write each as [[targets]] with paths = [\"folder/*.mobileconfig\"] and the fields of "
                          "[target]");
      return;
    }
    for (const toml::node& entry : *entries) {
      const toml::table& table = *entry.as_table();
      RawTarget raw;
      raw.span = lang::span_of(table.source());
      toml::table fields;  // [target]'s fields, read by the same reader
      for (const auto& [field, value] : lang::in_source_order(table)) {
        if (field->str() == "paths") {
          auto paths = reader_.string_list(*field, *value, "targets", "paths = [\"macos/\", \"ios/*.mobileconfig\"]");
          for (lang::Field<std::string>& path : paths ? *paths : std::vector<lang::Field<std::string>>{}) {
            if (auto pattern = project_pattern(path.value, "targets", path.span)) {
              raw.paths.push_back({std::move(*pattern), path.span});
            }
          }
        } else {
          fields.insert(*field, *value);
        }
      }
      raw.target = reader_.target(fields, key);
      raw.target.span = raw.span;
      if (raw.paths.empty()) {
        diagnostics_.report(DiagnosticCode::PC0005, raw.span, "[[targets]] without paths",
                            "name the files it applies to: paths = [\"macos/\", \"ios/*.mobileconfig\"]");
        continue;
      }
      config_.raw_targets.push_back(std::move(raw));
    }
  }

  void parse_profile(const toml::table& table) {
    static const Pattern kPrefix{lang::kIdPrefixPattern};
    static const std::vector<std::string> kFields = {"organization", "id_prefix"};
    static const std::vector<std::string> kPolicyOnly = {"id",          "uuid",         "name",
                                                         "description", "scope",        "removal",
                                                         "consent",     "removal_date", "duration_until_removal"};
    for (const auto& [key, node] : lang::in_source_order(table)) {
      const std::string name(key->str());
      if (name == "organization") {
        config_.defaults.organization = reader_.string_field(*key, *node, "profile");
      } else if (name == "id_prefix") {
        auto prefix = reader_.string_field(*key, *node, "profile");
        if (prefix && !kPrefix.matches(prefix->value)) {
          diagnostics_.report(DiagnosticCode::PC0004, prefix->span,
                              fmt::format("profile.id_prefix '{}' is not a reverse-DNS prefix", prefix->value),
                              "write dot-separated names such as \"com.example\", without a final dot");
        } else {
          config_.defaults.id_prefix = prefix;
        }
      } else if (std::find(kPolicyOnly.begin(), kPolicyOnly.end(), name) != kPolicyOnly.end()) {
        diagnostics_.report(DiagnosticCode::PC0003, lang::span_of(key->source()),
                            fmt::format("'{}' cannot be a project default", name),
                            "profilec.toml's [profile] holds organization and id_prefix; set the rest in each policy");
      } else if (!misplaced_top_level_key(*key, "profile")) {
        reader_.unknown(DiagnosticCode::PC0003, *key,
                        fmt::format("unknown field '{}' in profilec.toml's [profile]", name), kFields,
                        "profilec.toml's [profile] holds organization and id_prefix", &table);
      }
    }
  }

  void parse_rules(const toml::table& table) {
    static const std::vector<std::string> kLevels = {"off", "note", "warning", "error"};
    std::vector<std::string> known;
    for (const DiagnosticInfo& d : all_diagnostics()) {
      known.emplace_back(d.id);
      known.emplace_back(d.name);
    }
    for (const auto& [key, node] : lang::in_source_order(table)) {
      const std::string written(key->str());
      const DiagnosticInfo* rule = find_rule(written);
      if (!rule && misplaced_top_level_key(*key, "rules")) continue;
      if (!rule) {
        reader_.unknown(DiagnosticCode::PC0003, *key, fmt::format("unknown rule '{}' in [rules]", written), known,
                        "name a rule by its code (\"PC0010\") or its name (\"empty-profile\"); "
                        "see docs/rules/README.md",
                        &table);
        continue;
      }
      auto level = reader_.choice_field(*key, *node, "rules", kLevels);
      if (!level) continue;
      const RuleLevel value = level->value == "off"       ? RuleLevel::kOff
                              : level->value == "note"    ? RuleLevel::kNote
                              : level->value == "warning" ? RuleLevel::kWarning
                                                          : RuleLevel::kError;
      auto [it, inserted] = config_.rules.emplace(std::string(rule->id), RuleSetting{value, level->span});
      if (!inserted) {
        Diagnostic& d = diagnostics_.report(DiagnosticCode::PC0004, lang::span_of(key->source()),
                                            fmt::format("rule {} ({}) is set twice", rule->id, rule->name),
                                            "keep one of the two lines");
        d.notes.push_back({it->second.span, "first set here"});
      }
    }
  }

  // `fail_on` or `exclude` written after a [table] line belongs to that
  // table in TOML: say where it goes instead of calling it unknown.
  bool misplaced_top_level_key(const toml::key& key, std::string_view table) {
    const std::string name(key.str());
    if (name != "fail_on" && name != "exclude") return false;
    diagnostics_.report(DiagnosticCode::PC0003, lang::span_of(key.source()),
                        fmt::format("'{}' is a top-level key of profilec.toml, not a field of [{}]", name, table),
                        "move it above the first [table] line");
    return true;
  }

  void parse_fail_on(const toml::node& node) {
    const auto* text = node.as_string();
    const std::string value = text ? text->get() : std::string();
    if (value == "error" || value == "warning" || value == "note") {
      config_.fail_on = value == "error" ? Severity::kError : value == "warning" ? Severity::kWarning : Severity::kNote;
      return;
    }
    const std::string found = text ? fmt::format("'{}'", value) : std::string(lang::toml_type_name(node.type()));
    const auto near = text ? closest_spelling(value, {"error", "warning", "note"}) : std::nullopt;
    diagnostics_.report(
        DiagnosticCode::PC0004, lang::span_of(node.source()),
        fmt::format("fail_on must be \"error\", \"warning\" or \"note\", found {}", found),
        near ? fmt::format("did you mean \"{}\"?", *near)
             : std::string("the lowest severity that fails check and build, e.g. fail_on = \"warning\""));
  }

  void parse_exclude(const toml::node& node) {
    const auto* array = node.as_array();
    if (array == nullptr) {
      diagnostics_.report(DiagnosticCode::PC0004, lang::span_of(node.source()),
                          fmt::format("exclude must be an array of glob patterns, found {}",
                                      lang::toml_type_name(node.type())),
                          "write exclude = [\"out\", \"vendor/**\"]");
      return;
    }
    for (const toml::node& item : *array) {
      const auto* text = item.as_string();
      if (text == nullptr) {
        diagnostics_.report(DiagnosticCode::PC0004, lang::span_of(item.source()),
                            fmt::format("exclude must hold strings, found {}", lang::toml_type_name(item.type())),
                            "write exclude = [\"out\", \"vendor/**\"]");
        continue;
      }
      if (auto pattern = project_pattern(text->get(), "exclude", lang::span_of(item.source()))) {
        config_.exclude.push_back(std::move(*pattern));
      }
    }
  }

  void parse_signing(const toml::table& table) {
    SigningConfig& signing = config_.signing;
    // Fields naming files: relative to the project file's folder.
    const std::vector<std::pair<std::string, std::string*>> kPaths = {{"certificate", &signing.certificate},
                                                                      {"key", &signing.key},
                                                                      {"chain", &signing.chain},
                                                                      {"pkcs12", &signing.pkcs12},
                                                                      {"password_file", &signing.password_file},
                                                                      {"apns_certificate", &signing.apns_certificate}};
    const std::vector<std::pair<std::string, std::string*>> kVariables = {{"key_env", &signing.key_env},
                                                                          {"password_env", &signing.password_env}};
    std::vector<std::string> known = {"expiry_warning_days"};
    for (const auto& [name, _] : kPaths) known.push_back(name);
    for (const auto& [name, _] : kVariables) known.push_back(name);
    for (const auto& [key, node] : lang::in_source_order(table)) {
      const std::string name(key->str());
      auto path = std::find_if(kPaths.begin(), kPaths.end(), [&](const auto& p) { return p.first == name; });
      auto variable = std::find_if(kVariables.begin(), kVariables.end(),
                                   [&](const auto& p) { return p.first == name; });
      signing.key_spans[name] = lang::span_of(key->source());
      if (path != kPaths.end()) {
        if (auto value = reader_.string_field(*key, *node, "signing")) {
          *path->second = join_path(config_.root, value->value);
          signing.path_fields.push_back({name, *path->second, value->span});
        }
      } else if (variable != kVariables.end()) {
        if (auto value = reader_.string_field(*key, *node, "signing")) *variable->second = value->value;
      } else if (name == "expiry_warning_days") {
        const auto* days = node->as_integer();
        if (days == nullptr || days->get() < 0 || days->get() > 3650) {
          diagnostics_.report(DiagnosticCode::PC0004, lang::span_of(node->source()),
                              "signing.expiry_warning_days must be a whole number of days from 0 to 3650");
        } else {
          signing.expiry_warning_days = static_cast<int>(days->get());
        }
      } else if (name == "password" || name == "key_pem" || name == "passphrase") {
        diagnostics_.report(DiagnosticCode::PC0003, lang::span_of(key->source()),
                            fmt::format("'{}' cannot be written in profilec.toml: it is committed to git", name),
                            "name where the secret is instead: password_env = \"VAR\" or password_file = \"path\"");
      } else if (!misplaced_top_level_key(*key, "signing")) {
        reader_.unknown(DiagnosticCode::PC0003, *key,
                        fmt::format("unknown field '{}' in profilec.toml's [signing]", name), known,
                        "see docs/signing.md for the fields of [signing]", &table);
      }
    }
  }

  // [secrets] allow_env: patterns of the variables `{ env = }` may read.
  void parse_secrets(const toml::table& table) {
    for (const auto& [key, node] : lang::in_source_order(table)) {
      const std::string name(key->str());
      if (name != "allow_env") {
        if (!misplaced_top_level_key(*key, "secrets")) {
          reader_.unknown(DiagnosticCode::PC0003, *key,
                          fmt::format("unknown field '{}' in profilec.toml's [secrets]", name), {"allow_env"},
                          "[secrets] holds allow_env, the variables { env = } may read (docs/security.md)", &table);
        }
        continue;
      }
      const auto* array = node->as_array();
      if (array == nullptr) {
        diagnostics_.report(DiagnosticCode::PC0004, lang::span_of(node->source()),
                            fmt::format("secrets.allow_env must be an array of name patterns, found {}",
                                        lang::toml_type_name(node->type())),
                            "write allow_env = [\"ACME_*\"]");
        continue;
      }
      std::vector<std::string> patterns;
      for (const toml::node& item : *array) {
        const auto* text = item.as_string();
        if (text == nullptr) {
          diagnostics_.report(DiagnosticCode::PC0004, lang::span_of(item.source()),
                              fmt::format("secrets.allow_env must hold strings, found {}",
                                          lang::toml_type_name(item.type())),
                              "write allow_env = [\"ACME_*\"]");
          continue;
        }
        if (auto problem = env_pattern_problem(text->get())) {
          diagnostics_.report(DiagnosticCode::PC0004, lang::span_of(item.source()),
                              fmt::format("secrets.allow_env pattern '{}' is not allowed: {}", text->get(), *problem),
                              "write a variable name, or the beginning of one followed by '*', such as \"ACME_*\"");
          continue;
        }
        patterns.push_back(text->get());
      }
      config_.allow_env = std::move(patterns);
    }
  }

  // [schemas]: the folders of app schemas (docs/app-schemas.md), relative
  // to profilec.toml's folder, and whether they may replace Apple's.
  void parse_schemas(const toml::table& table) {
    for (const auto& [key, node] : lang::in_source_order(table)) {
      const std::string name(key->str());
      if (name == "dirs") {
        auto dirs = reader_.string_list(*key, *node, "schemas", "dirs = [\"schemas\", \"vendor/ProfileManifests\"]");
        for (lang::Field<std::string>& dir : dirs ? *dirs : std::vector<lang::Field<std::string>>{}) {
          if (auto relative = project_pattern(dir.value, "schemas.dirs", dir.span)) {
            config_.schemas.dirs.push_back({join_path(config_.root, *relative), dir.span});
          }
        }
      } else if (name == "replace_apple") {
        if (auto replace = reader_.bool_field(*key, *node, "schemas")) config_.schemas.replace_apple = replace->value;
      } else if (!misplaced_top_level_key(*key, "schemas")) {
        reader_.unknown(DiagnosticCode::PC0003, *key,
                        fmt::format("unknown field '{}' in profilec.toml's [schemas]", name), {"dirs", "replace_apple"},
                        "[schemas] holds dirs, the folders of app schemas, and replace_apple (docs/app-schemas.md)",
                        &table);
      }
    }
  }

  // [declarations] profile_url: where the MDM serves the profiles build
  // writes, for { profile = "NAME" } (docs/ddm.md, "Legacy profiles").
  void parse_declarations(const toml::table& table) {
    for (const auto& [key, node] : lang::in_source_order(table)) {
      const std::string name(key->str());
      if (name == "profile_url") {
        auto url = reader_.string_field(*key, *node, "declarations");
        if (!url) continue;
        if (!url->value.starts_with("https://") && !url->value.starts_with("http://")) {
          diagnostics_.report(DiagnosticCode::PC0004, url->span,
                              fmt::format("declarations.profile_url '{}' is not an http(s) URL", url->value),
                              "write the URL the MDM serves the built profiles from: "
                              "profile_url = \"https://mdm.example.com/profiles/\"");
          continue;
        }
        config_.profile_url = std::move(*url);
      } else if (!misplaced_top_level_key(*key, "declarations")) {
        reader_.unknown(DiagnosticCode::PC0003, *key,
                        fmt::format("unknown field '{}' in profilec.toml's [declarations]", name), {"profile_url"},
                        "[declarations] holds profile_url, where the MDM serves the built profiles (docs/ddm.md)",
                        &table);
      }
    }
  }

  ProjectConfig& config_;
  Diagnostics& diagnostics_;
  lang::TomlReader reader_;
};

}  // namespace

const RawTarget* raw_target_for(const ProjectConfig& project, const std::string& path) {
  std::string relative = normal_path(path);
  if (!project.root.empty()) {
    relative = std::filesystem::path(relative).lexically_relative(normal_path(project.root)).generic_string();
    if (relative.empty() || relative.starts_with("..")) return nullptr;
  }
  for (const RawTarget& raw : project.raw_targets) {
    for (const lang::Field<std::string>& pattern : raw.paths) {
      // The same patterns as `exclude`: a folder that matches covers what is below it.
      if (exclude_pattern_matches(pattern.value, relative)) return &raw;
    }
  }
  return nullptr;
}

bool is_project_file(const std::string& path) { return file_name(path) == kProjectFileName; }

ProjectConfig parse_project_config(std::string_view text, const std::string& path, Diagnostics& diagnostics) {
  ProjectConfig config;
  config.path = path;
  config.root = parent_path(path);
  config.defaults.project_file = path;
  if (auto root = lang::parse_toml(text, path, diagnostics)) ProjectParser(config, diagnostics).parse(*root);
  return config;
}

void apply_project_rules(const ProjectConfig* project, Diagnostics& diagnostics, bool compiled) {
  if (!project || project->rules.empty()) return;
  std::map<std::string, SeverityOverride> overrides;
  for (const auto& [code, setting] : project->rules) {
    switch (setting.level) {
      case RuleLevel::kOff: overrides[code] = SeverityOverride::kOff; break;
      case RuleLevel::kNote: overrides[code] = SeverityOverride::kNote; break;
      case RuleLevel::kWarning: overrides[code] = SeverityOverride::kWarning; break;
      case RuleLevel::kError: overrides[code] = SeverityOverride::kError; break;
    }
  }
  if (!compiled) {
    // The errors that kept this policy from compiling keep their level:
    // re-grading them would let `build` succeed without writing the profile.
    for (const Diagnostic& d : diagnostics.all()) {
      if (d.severity != Severity::kError) continue;
      const auto it = overrides.find(std::string(info(d.code).id));
      if (it != overrides.end() && it->second != SeverityOverride::kError) overrides.erase(it);
    }
  }
  apply_severity_overrides(diagnostics, overrides);
}

bool report_input_outside_repository(const FileSystem& files, const std::string& path, const std::string& root,
                                     Diagnostics& diagnostics) {
  const BoundaryCheck check = check_input_file(files, path, root);
  if (check.verdict != BoundaryCheck::kOutside) return false;
  diagnostics.report(DiagnosticCode::PC0027, whole_file_span(std::make_shared<const std::string>(path)),
                     fmt::format("'{}' leads outside the repository, to '{}' (a symbolic link); it was not read", path,
                                 check.real),
                     fmt::format("profilec reads no input outside the repository ({}); commit the file itself "
                                 "instead of a link to it (docs/security.md)",
                                 root.empty() ? "the current directory" : fmt::format("'{}'", root)));
  return true;
}

std::string repository_root(const ProjectConfig* project, const PolicyInput& input) {
  if (project != nullptr) return project->root;
  const std::string normal = normal_path(input.path);
  if (!normal.empty() && normal.front() != '/' && normal != ".." && !normal.starts_with("../")) return "";
  if (input.walk_root) return normal_path(*input.walk_root);
  return parent_path(normal);
}

namespace {

// The folder of the profilec.toml that applies to a file at `path`, looked
// for up the path as ProjectConfigs::for_file does; nullopt when none does.
std::optional<std::string> project_folder_above(const FileSystem& files, const std::string& path) {
  std::string dir = parent_path(normal_path(path));
  for (;;) {
    const PathKind kind = files.kind(join_path(dir, std::string(kProjectFileName)));
    if (kind == PathKind::kFile || kind == PathKind::kDirectory) return dir;
    if (dir.empty() || dir == "/" || file_name(dir) == "..") return std::nullopt;
    dir = parent_path(dir);
  }
}

}  // namespace

std::string repository_root(const FileSystem& files, const PolicyInput& input) {
  if (auto dir = project_folder_above(files, input.path)) return std::move(*dir);
  return repository_root(nullptr, input);
}

std::string RepositoryRoots::root(const PolicyInput& input) {
  // Files named plainly in the same folder as written ("repo/policies/a.toml",
  // "repo/policies/b.toml") have the same folder once normalised; a name
  // that is "", "." or ".." is looked up on its own.
  const std::size_t slash = input.path.rfind('/');
  const std::string_view name = slash == std::string::npos ? std::string_view(input.path)
                                                           : std::string_view(input.path).substr(slash + 1);
  if (name.empty() || name == "." || name == "..") return repository_root(files_, input);
  std::string folder = slash == std::string::npos ? std::string() : input.path.substr(0, slash + 1);
  auto it = by_folder_.find(folder);
  if (it == by_folder_.end())
    it = by_folder_.emplace(std::move(folder), project_folder_above(files_, input.path)).first;
  if (it->second) return *it->second;
  return repository_root(nullptr, input);
}

SecretPolicy secret_policy(const ProjectConfig* project, const std::vector<SigningSecret>& run_secrets) {
  SecretPolicy policy;
  policy.signing = run_secrets;
  if (project == nullptr) return policy;
  if (project->allow_env) {
    policy.allow_env = *project->allow_env;
    policy.allow_env_origin = project->path;
  }
  const SigningConfig& signing = project->signing;
  auto add = [&](SigningSecret::Kind kind, const std::string& name, std::string_view field) {
    if (!name.empty())
      policy.signing.push_back({kind, name, fmt::format("[signing] {} in '{}'", field, project->path)});
  };
  add(SigningSecret::kVariable, signing.key_env, "key_env");
  add(SigningSecret::kVariable, signing.password_env, "password_env");
  add(SigningSecret::kFile, signing.key, "key");
  add(SigningSecret::kFile, signing.pkcs12, "pkcs12");
  add(SigningSecret::kFile, signing.password_file, "password_file");
  return policy;
}

lang::UseContext use_context(const ProjectConfig* project) {
  if (!project) return {};
  return lang::UseContext{project->path, project->root};
}

ProjectConfigs::Loaded& ProjectConfigs::load_once(const std::string& raw_path) {
  const std::string path = normal_path(raw_path);
  auto [it, inserted] = by_path_.try_emplace(path);
  Loaded& loaded = it->second;
  if (!inserted) return loaded;
  Diagnostics& diagnostics = loaded.findings.diagnostics;
  // A profilec.toml is the root of its repository: a link out of its own
  // folder is not read (docs/security.md).
  if (report_input_outside_repository(files_, path, parent_path(path), diagnostics)) return loaded;
  auto text = files_.read_file_up_to(path, lang::kMaxTomlBytes);
  if (!text && text.error().too_large) {
    lang::report_toml_too_large(path, *text.error().too_large, diagnostics);
    return loaded;
  }
  if (!text) {
    loaded.findings.io_errors.push_back(text.error());
    return loaded;
  }
  sources_.add(path, *text);
  auto config = std::make_unique<ProjectConfig>(parse_project_config(*text, path, diagnostics));
  // [signing] files named inside the repository must not be links out of
  // it (a path written absolute or with `..` is the operator's choice).
  for (const SigningConfig::PathField& field : config->signing.path_fields) {
    const std::string base = config->root.empty() ? "." : config->root;
    if (field.path.empty() || (field.path.front() == '/') != (base.front() == '/')) continue;
    const std::string relative = std::filesystem::path(field.path).lexically_relative(base).generic_string();
    if (relative.empty() || relative == ".." || relative.starts_with("../")) continue;
    const BoundaryCheck check = check_input_file(files_, field.path, config->root);
    if (check.verdict != BoundaryCheck::kOutside) continue;
    diagnostics.report(DiagnosticCode::PC0027, field.span,
                       fmt::format("[signing] {} '{}' leads outside the repository, to '{}' (a symbolic link)",
                                   field.field, field.path, check.real),
                       "a path inside the repository must not link out of it: write the real path, or pass the file "
                       "on the command line (docs/security.md)");
  }
  loaded.config = std::move(config);
  return loaded;
}

const ProjectConfig* ProjectConfigs::report_once(Loaded* loaded, ProjectFindings* first_report) {
  if (loaded == nullptr) return nullptr;
  if (first_report != nullptr && !loaded->reported) {
    loaded->reported = true;
    first_report->diagnostics.append(loaded->findings.diagnostics);
    first_report->io_errors.insert(first_report->io_errors.end(), loaded->findings.io_errors.begin(),
                                   loaded->findings.io_errors.end());
  }
  return loaded->config.get();
}

const ProjectConfig* ProjectConfigs::load(const std::string& path, ProjectFindings* first_report) {
  return report_once(&load_once(path), first_report);
}

const ProjectConfig* ProjectConfigs::for_file(const std::string& path, ProjectFindings* first_report) {
  std::string dir = parent_path(normal_path(path));
  std::vector<std::string> visited;
  Loaded* found = nullptr;
  for (;;) {
    if (auto it = by_dir_.find(dir); it != by_dir_.end()) {
      found = it->second;
      break;
    }
    visited.push_back(dir);
    const std::string candidate = join_path(dir, std::string(kProjectFileName));
    // A folder of that name is read too, so that it is reported ("is a
    // directory") rather than silently skipped.
    if (const PathKind kind = files_.kind(candidate); kind == PathKind::kFile || kind == PathKind::kDirectory) {
      found = &load_once(candidate);
      break;
    }
    // Up the path as given: "a/b" -> "a" -> "" (the current directory);
    // "/a" -> "/"; nothing is above ".." lexically.
    if (dir.empty() || dir == "/" || file_name(dir) == "..") break;
    dir = parent_path(dir);
  }
  for (const std::string& d : visited) by_dir_[d] = found;
  return report_once(found, first_report);
}

const ProjectConfig* ProjectConfigs::for_named_path(const std::string& path) {
  // A folder's own profilec.toml applies to the files below it.
  return for_file(files_.kind(path) == PathKind::kDirectory ? join_path(path, "probe") : path);
}

}  // namespace profilec
