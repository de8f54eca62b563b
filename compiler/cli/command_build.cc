#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <optional>

#include "cli/commands.h"
#include "cli/completion_hint.h"
#include "cli/exit_codes.h"
#include "cli/load_schemas.h"
#include "cli/run_compile.h"
#include "cli/signing_options.h"
#include "cli/target_options.h"
#include "ir/profile.h"
#include "project/discover.h"
#include "project/project_config.h"

namespace profilec::cli {
namespace {

int cannot_write(const IoError& error) {
  fmt::print(stderr, "profilec: error: cannot write '{}': {}\n", error.path, error.message);
  return kExitUsage;
}

}  // namespace

std::function<int()> setup_build(CLI::App& app, const GlobalOptions& globals) {
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
  };
  auto options = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("build", "Compile policies into .mobileconfig files");
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
  return [options, &globals] {
    DiskFileSystem files;
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
    auto schemas = load_schemas(globals);
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
    std::optional<cert::CertificateInfo> apns_certificate;
    if (!options->apns_cert.path.empty() &&
        !load_apns_certificate(options->apns_cert, files, apns_certificate, inputs)) {
      return static_cast<int>(kExitUsage);
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
    std::vector<std::pair<std::string, std::string>> writes;
    std::vector<FileAccess> access;  // a profile holding a resolved secret: 0600 (docs/robustness.md)
    writes.reserve(run.result.profiles.size());
    for (CompiledProfile& compiled : run.result.profiles) {
      std::string path = join_path(options->output, compiled.output_name + ".mobileconfig");
      if (!compiled.signing_error.empty()) {
        fmt::print(stderr, "profilec: error: {}: {}\n", path, compiled.signing_error);
        return static_cast<int>(kExitUsage);
      }
      writes.emplace_back(std::move(path), compiled.finished ? std::move(*compiled.finished) : std::move(compiled.xml));
      access.push_back(ir::holds_secret(compiled.profile) ? FileAccess::kOwnerOnly : FileAccess::kShared);
    }
    // Declarations (docs/ddm.md): <output_name>.declarations/<name>.json.
    for (CompiledDeclarations& compiled : run.result.declarations) {
      const std::string folder = join_path(options->output, compiled.output_name + ".declarations");
      for (std::size_t i = 0; i < compiled.declarations.size(); ++i) {
        const ir::Declaration& declaration = compiled.declarations[i];
        writes.emplace_back(join_path(folder, declaration.name + ".json"), std::move(compiled.json[i]));
        access.push_back(ir::holds_secret(declaration) ? FileAccess::kOwnerOnly : FileAccess::kShared);
      }
    }
    // Last, the marker that keeps later folder walks out of this folder
    // (project/discover.h): built output is never read back as sources.
    writes.emplace_back(join_path(options->output, std::string(kOutputMarkerName)), std::string(kOutputMarkerText));
    if (!claim->held()) {
      claim = files.claim_output_folder(options->output, true);
      if (!claim) return cannot_write(claim.error());
    }
    // All or nothing on disk too: every file is written and flushed before
    // any replaces its old version.
    if (auto error = files.write_files_atomically(writes, access)) return cannot_write(*error);
    for (std::size_t i = 0; i + 1 < writes.size(); ++i) {
      fmt::print(progress_stream(globals.report), "wrote {}\n", printable_path(writes[i].first));
    }
    return static_cast<int>(kExitClean);
  };
}

}  // namespace profilec::cli
