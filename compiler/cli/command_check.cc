#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "base/unified_diff.h"
#include "cli/commands.h"
#include "cli/completion_hint.h"
#include "cli/exit_codes.h"
#include "cli/fix_files.h"
#include "cli/huge_pages.h"
#include "cli/left_to_exit.h"
#include "cli/load_schemas.h"
#include "cli/run_compile.h"
#include "cli/signing_options.h"
#include "cli/target_options.h"
#include "project/project_config.h"
#include "schema/os_version.h"
#include "schema/schema.h"

namespace profilec::cli {

namespace {

void print_skipped(const std::vector<FileFixes>& plan) {
  for (const FileFixes& file : plan) {
    for (const SkippedFix& skipped : file.skipped) {
      fmt::print(stderr, "profilec: skipped fix at {}:{}:{} ({}): {}\n", printable_path(file.path),
                 skipped.fix.span.begin.line, skipped.fix.span.begin.column, skipped.fix.title, skipped.reason);
    }
  }
}

// Rounds of fixes at most: a fixed payload type brings its keys under the
// schema, whose typos the next round fixes.
constexpr int kFixRounds = 4;

// check --fix (write) or --diff (print the first round's edits, write
// nothing). The findings are printed once, by the last check: of the files
// as they are after the last round that changed something.
int fix_and_check(const std::vector<std::string>& paths, bool write, DiskFileSystem& files, CompileInputs inputs,
                  const GlobalOptions& globals) {
  CompileRun run = run_compile(paths, inputs, globals, PrintFindings::kNo);
  if (run.exit_code == kExitUsage) {
    print_diagnostics(run.result.diagnostics, run.sources, globals.report);
    return run.exit_code;
  }
  if (!write) {
    const std::vector<FileFixes> plan = plan_fixes(run.result.diagnostics, run.sources);
    print_skipped(plan);
    for (const FileFixes& file : plan) {
      fmt::print("{}", unified_diff(printable_path(file.path), file.before, file.after));
    }
    std::fflush(stdout);
    return run.exit_code;
  }
  std::size_t applied = 0;
  std::set<std::string> changed;
  // The project files may be among the fixed: each check reads them again.
  std::vector<std::unique_ptr<ProjectConfigs>> projects;
  for (int round = 0; round < kFixRounds; ++round) {
    const std::vector<FileFixes> plan = plan_fixes(run.result.diagnostics, run.sources);
    std::size_t applied_now = 0;
    for (const FileFixes& file : plan) applied_now += file.after == file.before ? 0 : file.applied;
    if (applied_now == 0 || round + 1 == kFixRounds) {
      print_skipped(plan);
      break;
    }
    if (auto error = write_fixes(files, plan)) {
      print_io_error(*error);
      return static_cast<int>(kExitUsage);
    }
    applied += applied_now;
    for (const FileFixes& file : plan) {
      if (file.after != file.before) changed.insert(file.path);
    }
    inputs.projects = projects.emplace_back(std::make_unique<ProjectConfigs>(files)).get();
    run = run_compile(paths, inputs, globals, PrintFindings::kNo);
    if (run.exit_code == kExitUsage) break;
  }
  if (applied > 0) {
    fmt::print(progress_stream(globals.report), "fixed {} finding{} in {} file{}\n", applied, applied == 1 ? "" : "s",
               changed.size(), changed.size() == 1 ? "" : "s");
  }
  print_diagnostics(run.result.diagnostics, run.sources, globals.report);
  return run.exit_code;
}

}  // namespace

std::function<int()> setup_check(CLI::App* sub, const GlobalOptions& globals) {
  struct Options {
    std::vector<std::string> paths{"."};
    std::vector<std::string> platforms;
    bool supervised = false;
    std::string enrollment;
    bool shared_ipad = false;
    bool manual_install = false;
    CertificateSetting apns_cert{"", "--apns-cert"};
    CertificateClock clock;
    std::vector<std::string> exclude;
    IdentityOptions device;
    unsigned jobs = 0;
    std::string fail_on;
    bool fix = false;
    bool diff = false;
  };
  auto options = std::make_shared<Options>();
  sub->add_option("paths", options->paths, "Policy or .mobileconfig files, or folders (default: .)")
      ->check(completes(ValueHint::kPolicyPath));
  add_repeatable_option(*sub, "--platform", options->platforms,
                        fmt::format("For .mobileconfig files: a targeted platform ({}), with its minimum OS "
                                    "version as in iOS:17.0 or without, for any version (repeatable)",
                                    platform_choices_text()))
      ->check(completes(ValueHint::kPlatform));
  sub->add_flag("--supervised", options->supervised, "For .mobileconfig files: the devices are supervised");
  sub->add_option("--enrollment", options->enrollment, "For .mobileconfig files: device, user or automated")
      ->check(CLI::IsMember({"device", "user", "automated"}));
  sub->add_flag("--shared-ipad", options->shared_ipad, "For .mobileconfig files: the devices are Shared iPads");
  sub->add_flag("--manual-install", options->manual_install,
                "For .mobileconfig files: installed by hand, not by an MDM");
  sub->add_option("--apns-cert", options->apns_cert.path,
                  "The MDM's APNs push certificate: check MDM payload Topics and its expiry");
  add_clock_options(*sub, options->clock);
  // Encrypted .mobileconfig files: the identity of the device they were encrypted for.
  add_identity_options(*sub, options->device, "device");
  add_repeatable_option(*sub, "--exclude", options->exclude,
                        "Skip this folder in folder walks (repeatable), e.g. a build output")
      ->check(completes(ValueHint::kFolder));
  add_fail_on_option(*sub, options->fail_on);
  sub->add_option("-j,--jobs", options->jobs, "Files checked at once (default: every core)");
  CLI::Option* fix = sub->add_flag("--fix", options->fix,
                                   "Apply the certain fixes (did-you-mean renames) to the policy TOML, fragments "
                                   "and profilec.toml, then check again");
  sub->add_flag("--diff", options->diff, "Print the fixes --fix would make as a unified diff; write nothing")
      ->excludes(fix);
  return [options, &globals] {
    // A repository of thousands of policies: its heap in huge pages
    // (cli/huge_pages.h). Files named alone (a pre-commit hook) never restart.
    restart_with_huge_pages(globals.argv, options->paths);
    std::optional<ir::Target> mobileconfig_target;
    const bool any_target_flag = !options->platforms.empty() || options->supervised || !options->enrollment.empty() ||
                                 options->shared_ipad || options->manual_install;
    if (any_target_flag) {
      ir::Target target;
      for (const std::string& flag : options->platforms) {
        std::string error;
        auto choice = parse_platform_choice(flag, error);
        if (!choice) {
          fmt::print(stderr, "profilec: error: {}\n", error);
          return static_cast<int>(kExitUsage);
        }
        // No version: any version (no minimum-version checks).
        target.platforms.push_back({std::string(schema::platform_name(choice->platform)), choice->version, {}});
      }
      target.supervised = options->supervised;
      target.enrollment = options->enrollment == "user"        ? ir::Enrollment::kUser
                          : options->enrollment == "automated" ? ir::Enrollment::kAutomated
                                                               : ir::Enrollment::kDevice;
      target.shared_ipad = options->shared_ipad;
      target.install = options->manual_install ? ir::InstallMethod::kManual : ir::InstallMethod::kMdm;
      mobileconfig_target = std::move(target);
    }
    auto schemas = load_schemas(globals, options->paths.front());
    if (!schemas) return static_cast<int>(kExitUsage);
    DiskFileSystem files;
    files.remember_folder_links();  // one run: base/file_system.h
    ProcessEnvironment environment;
    // The run's project files, read once: [signing] here, then the folder
    // walk and the compile, which reports their findings.
    ProjectConfigs projects(files);
    apply_project_signing(projects.for_named_path(options->paths.front()), nullptr, &options->apns_cert,
                          options->clock);
    auto expiry = expiry_policy(options->clock);
    if (!expiry) return static_cast<int>(kExitUsage);
    // check never reads secrets: { env = } values are placeholders.
    CompileInputs inputs{files, environment, SecretMode::kPlaceholder, &*schemas};
    inputs.projects = &projects;
    inputs.expiry = *expiry;
    inputs.mobileconfig_target = std::move(mobileconfig_target);
    inputs.exclude = options->exclude;
    inputs.jobs = options->jobs;
    inputs.fail_on = fail_on_severity(options->fail_on);
    inputs.signing_secrets = signing_secrets(options->device, "device");
    std::optional<sign::SigningIdentity> device;
    if (options->device.given()) {
      device = load_identity(options->device, files);
      if (!device) return static_cast<int>(kExitUsage);
      inputs.decrypt_with = &*device;
    }
    std::optional<cert::CertificateInfo> apns_certificate;
    if (!options->apns_cert.path.empty() &&
        !load_apns_certificate(options->apns_cert, files, apns_certificate, inputs)) {
      return static_cast<int>(kExitUsage);
    }
    if (!options->fix && !options->diff) {
      CompileRun run = run_compile(options->paths, inputs, globals);
      const int exit_code = run.exit_code;
      leave_to_exit(run);  // freed by the exit (cli/left_to_exit.h)
      return exit_code;
    }
    return fix_and_check(options->paths, options->fix, files, inputs, globals);
  };
}

}  // namespace profilec::cli
