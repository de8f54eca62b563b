// The options that name a signing identity, a device certificate, an APNs
// push certificate and the certificate clock, shared by `build`, `sign`,
// `check` and `unsign`. Passwords and keys come from files or environment
// variables, never from the command line (argv is visible to every user of
// the machine).
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/file_system.h"
#include "cert/certificate_checks.h"
#include "cert/certificate_info.h"
#include "diag/diagnostic.h"
#include "lower/secret_policy.h"
#include "project/compile.h"
#include "project/project_config.h"
#include "sign/identity.h"

namespace profilec::cli {

struct IdentityOptions {
  std::string certificate;    // --sign-cert: PEM/DER certificate (+ chain after it)
  std::string key;            // --sign-key: private key file
  std::string key_env;        // --sign-key-env: variable holding the PEM key
  std::string chain;          // --sign-chain: PEM bundle of intermediates
  std::string pkcs12;         // --sign-p12
  std::string password_env;   // --key-password-env
  std::string password_file;  // --key-password-file
  // Where each setting came from, for the messages about it, by its field
  // name in [signing] ("key"): its flag ("--sign-key", set by
  // add_identity_options), or its key in profilec.toml ("key at
  // repo/profilec.toml:3:1", set by apply_project_signing when it takes
  // the setting from there).
  std::map<std::string, std::string, std::less<>> origins;
  std::string origin(std::string_view field) const;

  bool given() const { return !certificate.empty() || !pkcs12.empty(); }
};

// A certificate file named by a flag or by profilec.toml (--apns-cert or
// [signing] apns_certificate), with where it came from (as IdentityOptions::origins).
struct CertificateSetting {
  std::string path;
  std::string origin;
};

// Adds --sign-cert, --sign-key, --sign-key-env, --sign-chain, --sign-p12,
// --key-password-file and --key-password-env. `prefix` is "sign" for the
// signing identity and "device" for a device identity (--device-cert, ...).
void add_identity_options(CLI::App& sub, IdentityOptions& options, const std::string& prefix = "sign");

// Loads the identity the options name. Prints the error (file and reason)
// and returns nullopt on failure; warns when a key file is readable by
// group or others.
std::optional<sign::SigningIdentity> load_identity(const IdentityOptions& options, const FileSystem& files);

// The variables and files `options` names that hold key material, for
// CompileInputs::signing_secrets: no policy may read them.
std::vector<SigningSecret> signing_secrets(const IdentityOptions& options, const std::string& prefix = "sign");

struct CertificateClock {
  std::optional<int> warning_days;  // --expiry-warning-days; default 30
};

void add_clock_options(CLI::App& sub, CertificateClock& clock);

// The certificate clock (PROFILEC_NOW or now); prints and returns nullopt
// when PROFILEC_NOW is malformed.
std::optional<cert::ExpiryPolicy> expiry_policy(const CertificateClock& clock);

// The signing time: SOURCE_DATE_EPOCH when set (reproducible builds), else
// now. Prints and returns nullopt when SOURCE_DATE_EPOCH is malformed.
std::optional<std::int64_t> signing_time();

// A certificate file read for its facts (--apns-cert, --encrypt-for);
// errors name `origin`.
std::optional<cert::CertificateInfo> read_certificate_file(const std::string& path, const std::string& origin,
                                                           const FileSystem& files, std::string* bytes = nullptr);

// Fills what the command line left unset from the [signing] table of
// `project` (the profilec.toml that applies to the first path a command
// names; nullptr: none): the identity (only when `identity` is given and
// no identity option was), the APNs push certificate and the warning
// period. The project file's own findings are the compile's to report.
// Each setting taken from the project file gets its key's position as its
// origin.
void apply_project_signing(const ProjectConfig* project, IdentityOptions* identity,
                           CertificateSetting* apns_certificate, CertificateClock& clock);

// --apns-cert: reads the push certificate into `certificate` and points
// `inputs` at it (the compile checks its dates like the signing
// certificate's, and every MDM payload's Topic against it: PC5007).
// Prints and returns false when it cannot be read.
bool load_apns_certificate(const CertificateSetting& setting, const FileSystem& files,
                           std::optional<cert::CertificateInfo>& certificate, CompileInputs& inputs);

}  // namespace profilec::cli
