#include <fmt/format.h>

#include <memory>
#include <optional>

#include "cli/commands.h"
#include "cli/completion_hint.h"
#include "cli/exit_codes.h"
#include "cli/huge_pages.h"
#include "cli/left_to_exit.h"
#include "cli/load_schemas.h"
#include "cli/run_compile.h"
#include "cli/signing_options.h"
#include "cli/target_options.h"
#include "cli/version.h"
#include "ir/declaration.h"
#include "ir/profile.h"
#include "project/build_output.h"
#include "project/discover.h"
#include "project/project_config.h"
#include "project/result_cache.h"

namespace profilec::cli {
namespace {

int cannot_write(const IoError& error) {
  fmt::print(stderr, "profilec: error: cannot write '{}': {}\n", error.path, error.message);
  return kExitUsage;
}

// Why every profile is written and none removed, when the folder holds
// files but no manifest build can use.
void report_previous_build(const PreviousBuild& previous, const std::string& output) {
  const std::string manifest = printable_path(join_path(output, std::string(kBuildManifestName)));
  if (previous.state == PreviousBuild::State::kNoManifest) {
    fmt::print(stderr, "profilec: note: '{}' has no build manifest ({}): every profile is written, none removed\n",
               printable_path(output), manifest);
  } else if (previous.state == PreviousBuild::State::kUnusable) {
    fmt::print(stderr,
               "profilec: warning: ignoring the build manifest '{}': {}; every profile is written, none removed\n",
               manifest, previous.why);
  }
}

// What the result cache did (docs/cli.md, "The result cache"): what it
// gave this build, then what was written of it.
std::string describe_result_cache(const ResultCache* cache, const CompileResult& result, const std::string& output,
                                  const ResultCacheWrite& write) {
  const std::string path = printable_path(join_path(output, std::string(kResultCacheName)));
  if (cache == nullptr) return "result cache: off (--no-cache, or this build of profilec cannot identify itself)";
  std::string line = fmt::format("result cache {}: {} reused, {} compiled; {} kept for the next build", path,
                                 result.reused, result.profiles.size() - result.reused, result.kept.size());
  switch (write.kind) {
    case ResultCacheWrite::Kind::kNothing: line += ", unchanged"; break;
    case ResultCacheWrite::Kind::kJournal:
      line += fmt::format(", written to its journal ({} new or changed, {} withdrawn)", write.entries, write.withdrawn);
      break;
    case ResultCacheWrite::Kind::kWhole: line += ", written whole"; break;
  }
  if (!cache->why().empty()) line += fmt::format(" (the cache there was ignored: {})", cache->why());
  return line;
}

void report_output_plan(const OutputPlan& plan, const PreviousBuild& previous, const std::string& output, bool verbose,
                        const std::string& result_cache, const ReportOptions& report) {
  std::FILE* stream = progress_stream(report);
  if (verbose) {
    // What the unchanged files were taken to hold, and why (docs/cli.md,
    // "Incremental builds").
    if (previous.state == PreviousBuild::State::kLoaded) {
      fmt::print(stream,
                 "previous build: {} files trusted by their stamps (size, inode, mtime, ctime as {} records them), "
                 "{} read and hashed\n",
                 previous.trusted, printable_path(join_path(output, std::string(kBuildManifestName))), previous.hashed);
    }
    fmt::print(stream, "{}\n", result_cache);
    for (const std::string& path : plan.written) fmt::print(stream, "wrote {}\n", printable_path(path));
    for (const std::string& path : plan.unchanged) fmt::print(stream, "unchanged {}\n", printable_path(path));
    for (const std::string& path : plan.removed) fmt::print(stream, "removed {}\n", printable_path(path));
  }
  for (const std::string& path : plan.left_alone) {
    fmt::print(stderr,
               "profilec: warning: '{}' is no longer built but was changed since build wrote it; left in place\n",
               printable_path(path));
  }
  if (report.quiet) return;
  fmt::print(stream, "{}: {} written, {} unchanged, {} removed\n", printable_path(output), plan.written.size(),
             plan.unchanged.size(), plan.removed.size());
}

}  // namespace

std::function<int()> setup_build(CLI::App* sub, const GlobalOptions& globals) {
  struct Options {
    std::vector<std::string> paths{"."};
    std::string output;
    bool sign = false;
    IdentityOptions identity;
    std::string encrypt_for;
    CertificateSetting apns_cert{"", "--apns-cert"};
    CertificateClock clock;
    unsigned jobs = 0;
    std::vector<std::string> exclude;
    std::string fail_on;
    bool verbose = false;
    bool no_cache = false;
  };
  auto options = std::make_shared<Options>();
  sub->add_option("paths", options->paths, "Policy files or folders (default: .)")
      ->check(completes(ValueHint::kPolicyPath));
  sub->add_option("-o,--output", options->output, "Folder to write the .mobileconfig files to")
      ->required()
      ->check(completes(ValueHint::kFolder));
  sub->add_flag("--sign", options->sign, "Sign every profile (needs --sign-cert and --sign-key, or --sign-p12)");
  add_identity_options(*sub, options->identity);
  sub->add_option("--encrypt-for", options->encrypt_for,
                  "Encrypt the payloads for the device with this certificate (EncryptedPayloadContent)");
  sub->add_option("--apns-cert", options->apns_cert.path,
                  "The MDM's APNs push certificate: check MDM payload Topics and its expiry");
  add_clock_options(*sub, options->clock);
  sub->add_option("-j,--jobs", options->jobs, "Files compiled and profiles signed at once (default: every core)");
  add_repeatable_option(*sub, "--exclude", options->exclude,
                        "Skip this folder in folder walks (repeatable; the output folder is always skipped)")
      ->check(completes(ValueHint::kFolder));
  add_fail_on_option(*sub, options->fail_on);
  sub->add_flag("-v,--verbose", options->verbose,
                "Name each profile written, unchanged or removed (default: the counts only)");
  sub->add_flag("--no-cache", options->no_cache,
                "Compile every policy: do not read or write the result cache of the output folder");
  return [options, &globals] {
    // Before anything: the heap of a build in huge pages (cli/huge_pages.h).
    restart_with_huge_pages(globals.argv, options->paths);
    DiskFileSystem files;
    files.remember_folder_links();  // one run: base/file_system.h
    // Folder walks never enter the output folder, so a folder there would
    // build nothing (-o equal to the input folder used to exit 0). A file
    // named there is read as named.
    for (const std::string& path : options->paths) {
      if (files.kind(path) != PathKind::kDirectory || !is_within_folder(path, options->output)) continue;
      fmt::print(stderr,
                 "profilec: error: the folder '{}' is the output folder '{}' or inside it, and build never reads "
                 "its output folder; write the profiles to another folder (for example -o out)\n",
                 printable_path(path), printable_path(options->output));
      return static_cast<int>(kExitUsage);
    }
    auto schemas = load_schemas(globals, options->paths.front());
    if (!schemas) return static_cast<int>(kExitUsage);
    ProcessEnvironment environment;
    // The run's project files, read once: [signing] here, then the folder
    // walk and the compile, which reports their findings.
    ProjectConfigs projects(files);
    apply_project_signing(projects.for_named_path(options->paths.front()), options->sign ? &options->identity : nullptr,
                          &options->apns_cert, options->clock);
    if (options->sign && !options->identity.given()) {
      fmt::print(stderr, "profilec: error: --sign needs an identity: --sign-cert with --sign-key, or --sign-p12\n");
      return static_cast<int>(kExitUsage);
    }
    auto expiry = expiry_policy(options->clock);
    if (!expiry) return static_cast<int>(kExitUsage);
    // What a killed build left in the output folder goes first; the claim
    // (a lock) keeps a build that starts meanwhile from removing this one's
    // temporary files.
    auto claim = files.claim_output_folder(options->output, false);
    if (!claim) return cannot_write(claim.error());
    // What the folder holds from the previous build: a profile made from
    // the same content is neither signed nor written again.
    PreviousBuild previous = read_previous_build(files, options->output, options->jobs);
    CompileInputs inputs{files, environment, SecretMode::kResolve, &*schemas};
    inputs.projects = &projects;
    inputs.expiry = *expiry;
    inputs.exclude = options->exclude;
    inputs.jobs = options->jobs;
    inputs.fail_on = fail_on_severity(options->fail_on);
    inputs.signing_secrets = signing_secrets(options->identity);
    // Earlier output is not input: `build . -o out` twice must not read out/.
    inputs.exclude.push_back(options->output);
    std::optional<sign::SigningIdentity> identity;
    if (options->identity.given()) {
      identity = load_identity(options->identity, files);
      auto when = signing_time();
      if (!identity || !when) return static_cast<int>(kExitUsage);
      inputs.signing.identity = &*identity;
      inputs.signing.options.signing_time = *when;
    }
    std::string device_certificate;
    if (!options->encrypt_for.empty()) {
      if (!read_certificate_file(options->encrypt_for, "--encrypt-for", files, &device_certificate))
        return static_cast<int>(kExitUsage);
      inputs.signing.device_certificate = &device_certificate;
    }
    inputs.signing.previous = &previous.intact;
    std::optional<cert::CertificateInfo> apns_certificate;
    if (!options->apns_cert.path.empty() &&
        !load_apns_certificate(options->apns_cert, files, apns_certificate, inputs)) {
      return static_cast<int>(kExitUsage);
    }
    // The results the previous build kept (project/result_cache.h): an
    // unchanged policy is not compiled again.
    std::optional<ResultCache> kept;
    const std::string cache_path = join_path(options->output, std::string(kResultCacheName));
    if (!options->no_cache) {
      if (auto program = program_identity(files)) {
        kept = ResultCache::read(files, cache_path, result_cache_run_key(*program, inputs, *schemas));
        inputs.kept_results = &*kept;
      }
    }
    CompileRun run = run_compile(options->paths, inputs, globals);
    // All or nothing: a repository with any error gets no output at all, so
    // a half-updated set of profiles never reaches an MDM.
    if (run.exit_code != kExitClean) return run.exit_code;
    if (run.result.profiles.empty() && run.result.declarations.empty()) {
      // A wrong path or an empty folder must not look like a build.
      std::string named;
      for (const std::string& path : options->paths) {
        named += fmt::format("{}'{}'", named.empty() ? "" : ", ", printable_path(path));
      }
      fmt::print(stderr, "profilec: error: no policies found in {}; nothing written\n", named);
      return static_cast<int>(kExitUsage);
    }
    for (const CompiledProfile& compiled : run.result.profiles) {
      if (compiled.signing_error.empty()) continue;
      fmt::print(stderr, "profilec: error: {}: {}\n",
                 printable_path(join_path(options->output, compiled.output_name + ".mobileconfig")),
                 compiled.signing_error);
      return static_cast<int>(kExitUsage);
    }
    report_previous_build(previous, options->output);
    OutputPlan plan = plan_output(run.result.profiles, previous, files, options->output, inputs.signing, options->jobs);
    // Declarations (docs/ddm.md): <output_name>.declarations/<name>.json,
    // written by every build with the profiles (all or nothing), outside
    // the manifest: not yet incremental, and never removed.
    for (CompiledDeclarations& compiled : run.result.declarations) {
      const std::string folder = join_path(options->output, compiled.output_name + ".declarations");
      for (std::size_t i = 0; i < compiled.declarations.size(); ++i) {
        const ir::Declaration& declaration = compiled.declarations[i];
        std::string path = join_path(folder, declaration.name + ".json");
        plan.written.push_back(path);
        plan.writes.emplace_back(std::move(path), std::move(compiled.json[i]));
        plan.access.push_back(ir::holds_secret(declaration) ? FileAccess::kOwnerOnly : FileAccess::kShared);
      }
    }
    if (!claim->held()) {
      claim = files.claim_output_folder(options->output, true);
      if (!claim) return cannot_write(claim.error());
    }
    // All or nothing on disk too: every file is written and flushed before
    // any replaces its old version; removals come after.
    ResultCacheWrite cache_write;
    if (kept) {
      // The next result cache, when it changes: its journal, or the whole
      // file; with the profiles and the manifest, all or nothing (one flush
      // for all).
      std::vector<const KeptEntry*> entries;
      for (const KeptEntry& entry : run.result.kept) entries.push_back(&entry);
      cache_write = kept->next(std::move(entries));
      for (auto& file : cache_write.files) {
        plan.writes.push_back(std::move(file));
        plan.access.push_back(FileAccess::kShared);
      }
    }
    if (auto error = apply_output_plan(files, options->output, plan)) return cannot_write(*error);
    report_output_plan(plan, previous, options->output, options->verbose,
                       describe_result_cache(kept ? &*kept : nullptr, run.result, options->output, cache_write),
                       globals.report);
    // Freed by the exit, not node by node (cli/left_to_exit.h).
    leave_to_exit(run);
    leave_to_exit(plan);
    leave_to_exit(kept);
    leave_to_exit(previous);
    return static_cast<int>(kExitClean);
  };
}

}  // namespace profilec::cli
