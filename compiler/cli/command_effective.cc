// `profilec effective DIR --platform iOS [--supervised] [--enrollment ...]`:
// the merged settings a device of that kind receives from the repository.
// The merge is compiler/analyze/effective_policy.h; this file only renders.
// Findings go to standard error (human), the policy to standard output
// (`--format json`: one JSON document).
#include <fmt/format.h>

#include <cstdio>
#include <memory>

#include "analyze/effective_policy.h"
#include "analyze/value_layout.h"
#include "base/json_writer.h"
#include "cli/commands.h"
#include "cli/completion_hint.h"
#include "cli/exit_codes.h"
#include "cli/load_schemas.h"
#include "cli/run_compile.h"
#include "cli/target_options.h"
#include "cli/terminal_width.h"
#include "ir/value_json.h"
#include "schema/os_version.h"

namespace profilec::cli {
namespace {

std::string place(const SourceSpan& span) {
  if (!span.known()) return "?";
  return fmt::format("{}:{}", span.path_or_empty(), span.begin.line);
}

std::string_view resolution_name(analyze::Resolution r) {
  switch (r) {
    case analyze::Resolution::kSingle: return "single";
    case analyze::Resolution::kCombined: return "combined";
    case analyze::Resolution::kUndefined: return "undefined";
  }
  return "single";
}

void render_settings(const std::vector<analyze::EffectiveSetting>& settings, std::size_t width, std::string& out) {
  std::string_view current;
  for (const analyze::EffectiveSetting& s : settings) {
    if (s.payload != current) {
      out += fmt::format("\n{}\n", s.payload);
      current = s.payload;
    }
    std::string suffix;
    if (s.winner) suffix += fmt::format("  ({})", place(s.winner->key_span));
    if (s.resolution == analyze::Resolution::kCombined) suffix += fmt::format("  [{}]", s.rule);
    if (s.resolution == analyze::Resolution::kUndefined) suffix += "  [undefined: the device picks one]";
    const std::string lead = fmt::format("  {} = ", s.key);
    out += lead + analyze::layout_value(s.value, width, 2, lead.size(), suffix.size()) + suffix + "\n";
    for (const analyze::SettingSource& o : s.overridden) {
      const std::string from = fmt::format(" ({})", place(o.key_span));
      constexpr std::string_view kOverrides = "    overrides ";
      out += fmt::format("{}{}{}\n", kOverrides,
                         analyze::layout_value(o.value, width, 4, kOverrides.size(), from.size()), from);
    }
  }
}

std::string render_human(const analyze::EffectivePolicy& policy, const std::string& device, std::size_t width) {
  std::string out = fmt::format("effective policy for {}: {} profile{}\n", device, policy.profiles.size(),
                                policy.profiles.size() == 1 ? "" : "s");
  render_settings(policy.settings, width, out);
  if (!policy.declaration_sources.empty()) {
    const std::size_t n = policy.declaration_sources.size();
    out += fmt::format("\ndeclarations: configurations of {} polic{}\n", n, n == 1 ? "y" : "ies");
    render_settings(policy.declarations, width, out);
  }
  return out;
}

void source_json(JsonWriter& json, const analyze::SettingSource& s) {
  json.begin_object();
  json.key("value");
  ir::value_json(json, s.value);
  json.member("file", std::string_view(s.key_span.path_or_empty()));
  json.member("line", static_cast<std::int64_t>(s.key_span.begin.line));
  json.end_object();
}

void settings_json(JsonWriter& json, const std::vector<analyze::EffectiveSetting>& settings, std::string_view what) {
  json.begin_array();
  for (const analyze::EffectiveSetting& s : settings) {
    json.begin_object();
    json.member(what, std::string_view(s.payload));
    json.member("key", std::string_view(s.key));
    json.key("value");
    ir::value_json(json, s.value);
    json.member("resolution", resolution_name(s.resolution));
    if (!s.rule.empty()) json.member("rule", std::string_view(s.rule));
    json.key("source");
    if (s.winner) source_json(json, *s.winner);
    else json.null();
    json.key("overrides").begin_array();
    for (const analyze::SettingSource& o : s.overridden) source_json(json, o);
    json.end_array();
    json.end_object();
  }
  json.end_array();
}

std::string render_json(const analyze::EffectivePolicy& policy, const std::string& device) {
  JsonWriter json;
  json.begin_object();
  json.member("device", std::string_view(device));
  json.key("profiles").begin_array();
  for (const ir::Profile* p : policy.profiles) json.value(std::string_view(p->source_path));
  json.end_array();
  json.key("settings");
  settings_json(json, policy.settings, "payload");
  // Only when a policy with declarations reaches the device: the output of
  // a repository of profiles stays as it was.
  if (!policy.declaration_sources.empty()) {
    json.key("declaration_policies").begin_array();
    for (const std::string& path : policy.declaration_sources) json.value(std::string_view(path));
    json.end_array();
    json.key("declarations");
    settings_json(json, policy.declarations, "declaration");
  }
  json.end_object();
  return json.str() + "\n";
}

// Whether a target reaches a device of `platform` at `version` (empty: any
// version): a profile or declaration whose [target] names the platform with
// a higher minimum is not installed there.
bool reaches_version(const ir::Target& target, schema::Platform platform, const std::string& version) {
  if (version.empty()) return true;
  const auto device = schema::OsVersion::parse(version);
  for (const ir::PlatformTarget& p : target.platforms) {
    if (schema::platform_from_name(p.platform) != platform) continue;
    const auto minimum = schema::OsVersion::parse(p.min_version);
    if (minimum && !minimum->is_not_available() && device && *device < *minimum) return false;
  }
  return true;
}

}  // namespace

std::function<int()> setup_effective(CLI::App* sub, const GlobalOptions& globals) {
  struct Options {
    std::vector<std::string> paths{"."};
    std::string platform;
    bool supervised = false;
    std::string enrollment = "device";
    std::vector<std::string> exclude;
  };
  auto options = std::make_shared<Options>();
  sub->add_option("paths", options->paths, "Policy or .mobileconfig files, or folders (default: .)")
      ->check(completes(ValueHint::kPolicyPath));
  sub->add_option("--platform", options->platform,
                  fmt::format("The device's platform ({}), optionally with its OS version: iOS or iOS:17.0",
                              platform_choices_text()))
      ->required()
      ->check(completes(ValueHint::kPlatform));
  sub->add_flag("--supervised", options->supervised, "The device is supervised");
  sub->add_option("--enrollment", options->enrollment, "How the device is enrolled (default: device)")
      ->check(CLI::IsMember({"device", "user", "automated"}));
  add_repeatable_option(*sub, "--exclude", options->exclude,
                        "Skip this folder in folder walks (repeatable), e.g. a build output")
      ->check(completes(ValueHint::kFolder));
  return [options, &globals] {
    std::string error;
    const auto choice = parse_platform_choice(options->platform, error);
    if (!choice) {
      fmt::print(stderr, "profilec: error: {}\n", error);
      return static_cast<int>(kExitUsage);
    }
    if (globals.report.format != OutputFormat::kHuman && globals.report.format != OutputFormat::kJson) {
      std::fputs("error: effective prints human or json\n", stderr);
      return static_cast<int>(kExitUsage);
    }
    auto schemas = load_schemas(globals, options->paths.empty() ? std::string() : options->paths.front());
    if (!schemas) return static_cast<int>(kExitUsage);
    DiskFileSystem files;
    files.remember_folder_links();  // one run: base/file_system.h
    ProcessEnvironment environment;
    GlobalOptions findings = globals;  // findings on standard error; the policy owns standard output
    findings.report.format = OutputFormat::kHuman;
    findings.report.quiet = true;
    CompileInputs inputs{files, environment, SecretMode::kPlaceholder, &*schemas};
    inputs.exclude = options->exclude;
    CompileRun run = run_compile(options->paths, inputs, findings);
    if (run.exit_code == kExitUsage) return run.exit_code;
    analyze::Device device;
    device.platform = choice->platform;
    device.supervised = options->supervised;
    device.enrollment = options->enrollment == "user"        ? ir::Enrollment::kUser
                        : options->enrollment == "automated" ? ir::Enrollment::kAutomated
                                                             : ir::Enrollment::kDevice;
    // Policies and the .mobileconfig files read as they are, in input order
    // within each kind.
    std::vector<const ir::Profile*> profiles;
    for (const CompiledProfile& c : run.result.profiles) {
      if (reaches_version(c.profile.target, choice->platform, choice->version)) profiles.push_back(&c.profile);
    }
    for (const ir::Profile& p : run.result.read_profiles) {
      if (reaches_version(p.target, choice->platform, choice->version)) profiles.push_back(&p);
    }
    std::vector<analyze::PolicyDeclarations> declarations;
    for (const CompiledDeclarations& c : run.result.declarations) {
      if (reaches_version(c.target, choice->platform, choice->version))
        declarations.push_back({&c.target, &c.declarations});
    }
    const auto policy = analyze::effective_policy(profiles, *schemas, device, declarations);
    const std::string platform = choice->version.empty()
                                     ? std::string(schema::platform_name(choice->platform))
                                     : fmt::format("{} {}", schema::platform_name(choice->platform), choice->version);
    const std::string described = fmt::format("{}, {}{} enrollment", platform,
                                              options->supervised ? "supervised, " : "", options->enrollment);
    const std::string text = globals.report.format == OutputFormat::kJson
                                 ? render_json(policy, described)
                                 : render_human(policy, described, terminal_width(environment));
    std::fputs(text.c_str(), stdout);
    return run.exit_code;
  };
}

}  // namespace profilec::cli
