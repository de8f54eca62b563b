#include <fmt/format.h>

#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/load_schemas.h"
#include "cli/run_compile.h"
#include "cli/signing_options.h"
#include "schema/os_version.h"
#include "schema/schema.h"

namespace profilec::cli {
namespace {

// The target flags of `check`, for .mobileconfig files (policies carry
// their own [target]): "iOS:17.0", the platform and its minimum version.
std::optional<ir::PlatformTarget> parse_platform(const std::string& flag, std::string& error) {
  const auto colon = flag.find(':');
  const std::string name = flag.substr(0, colon);
  if (colon == std::string::npos) {
    error = fmt::format("--platform {} needs a minimum version: --platform {}:17.0", flag, flag);
    return std::nullopt;
  }
  const std::string version = flag.substr(colon + 1);
  if (!schema::platform_from_name(name)) {
    error = fmt::format("unknown platform '{}' in --platform {}: use iOS, macOS, tvOS, visionOS or watchOS", name, flag);
    return std::nullopt;
  }
  const auto parsed = schema::OsVersion::parse(version);
  if (!parsed || parsed->is_not_available()) {
    error = fmt::format("'{}' in --platform {} is not an OS version such as 17.0", version, flag);
    return std::nullopt;
  }
  return ir::PlatformTarget{name, version, {}};
}

}  // namespace

std::function<int()> setup_check(CLI::App& app, const GlobalOptions& globals) {
  struct Options {
    std::vector<std::string> paths{"."};
    std::vector<std::string> platforms;
    bool supervised = false;
    std::string enrollment;
    bool shared_ipad = false;
    bool manual_install = false;
    std::string apns_cert;
    CertificateClock clock;
    std::vector<std::string> exclude;
    IdentityOptions device;
    unsigned jobs = 0;
  };
  auto options = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("check", "Validate policies without writing anything");
  sub->add_option("paths", options->paths, "Policy or .mobileconfig files, or folders (default: .)");
  sub->add_option("--platform", options->platforms,
                  "For .mobileconfig files: a targeted platform and minimum OS, e.g. iOS:17.0 (repeatable)");
  sub->add_flag("--supervised", options->supervised, "For .mobileconfig files: the devices are supervised");
  sub->add_option("--enrollment", options->enrollment, "For .mobileconfig files: device, user or automated")
      ->check(CLI::IsMember({"device", "user", "automated"}));
  sub->add_flag("--shared-ipad", options->shared_ipad, "For .mobileconfig files: the devices are Shared iPads");
  sub->add_flag("--manual-install", options->manual_install,
                "For .mobileconfig files: installed by hand, not by an MDM");
  sub->add_option("--apns-cert", options->apns_cert,
                  "The MDM's APNs push certificate: check MDM payload Topics and its expiry");
  add_clock_options(*sub, options->clock);
  // Encrypted .mobileconfig files: the identity of the device they were encrypted for.
  add_identity_options(*sub, options->device, "device");
  sub->add_option("--exclude", options->exclude, "Skip this folder in folder walks (repeatable), e.g. a build output");
  sub->add_option("-j,--jobs", options->jobs, "Files checked at once (default: every core)");
  return [options, &globals] {
    CompileExtras extras;
    const bool any_target_flag = !options->platforms.empty() || options->supervised || !options->enrollment.empty() ||
                                 options->shared_ipad || options->manual_install;
    if (any_target_flag) {
      ir::Target target;
      for (const std::string& flag : options->platforms) {
        std::string error;
        auto platform = parse_platform(flag, error);
        if (!platform) {
          fmt::print(stderr, "profilec: error: {}\n", error);
          return static_cast<int>(kExitUsage);
        }
        target.platforms.push_back(std::move(*platform));
      }
      target.supervised = options->supervised;
      target.enrollment = options->enrollment == "user"        ? ir::Enrollment::kUser
                          : options->enrollment == "automated" ? ir::Enrollment::kAutomated
                                                               : ir::Enrollment::kDevice;
      target.shared_ipad = options->shared_ipad;
      target.install = options->manual_install ? ir::InstallMethod::kManual : ir::InstallMethod::kMdm;
      extras.mobileconfig_target = std::move(target);
    }
    auto schemas = load_schemas(globals);
    if (!schemas) return static_cast<int>(kExitUsage);
    DiskFileSystem files;
    ProcessEnvironment environment;
    apply_project_signing(options->paths.front(), files, nullptr, &options->apns_cert, options->clock);
    auto expiry = expiry_policy(options->clock);
    if (!expiry) return static_cast<int>(kExitUsage);
    extras.expiry = *expiry;
    extras.exclude = options->exclude;
    extras.jobs = options->jobs;
    std::optional<sign::SigningIdentity> device;
    if (options->device.given()) {
      device = load_identity(options->device, files);
      if (!device) return static_cast<int>(kExitUsage);
      extras.decrypt_with = &*device;
    }
    if (!options->apns_cert.empty() && !load_apns_certificate(options->apns_cert, files, extras)) {
      return static_cast<int>(kExitUsage);
    }
    // check never reads secrets: { env = } values are placeholders.
    return run_compile(options->paths, SecretMode::kPlaceholder, files, environment, *schemas, globals, extras)
        .exit_code;
  };
}

}  // namespace profilec::cli
