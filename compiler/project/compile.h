// Runs the pipeline over a set of policy files: parse -> lower -> plist.
// Pure with respect to its inputs: files, environment and diagnostics come
// in through parameters, nothing is printed or written.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/environment.h"
#include "base/file_system.h"
#include "cert/certificate_checks.h"
#include "cert/certificate_info.h"
#include "diag/diagnostic.h"
#include "diag/source_map.h"
#include "ir/profile.h"
#include "sign/identity.h"
#include "lower/lower_policy.h"
#include "project/discover.h"
#include "schema/schema_set.h"

namespace profilec {

struct CompiledProfile {
  std::string source_path;
  std::string output_name;  // relative, without extension
  ir::Profile profile;
  std::string xml;          // the unsigned .mobileconfig
  // Set by CompileInputs::finish: the bytes to write (signed, encrypted),
  // or why they could not be made.
  std::optional<std::string> finished;
  std::string finish_error;
};

struct CompileResult {
  std::vector<CompiledProfile> profiles;  // in input order; only files without errors
  Diagnostics diagnostics;
  std::vector<IoError> io_errors;         // policies that could not be read at all
  std::size_t skipped_non_policies = 0;   // TOML files in a folder walk that are not policies
  // .mobileconfig files read as they are (project/mobileconfig_input.h):
  // checked and analysed with the policies, never written by `build`.
  std::vector<ir::Profile> read_profiles;
};

struct CompileInputs {
  const FileSystem& files;
  const Environment& environment;
  SecretMode secrets = SecretMode::kPlaceholder;
  // The schemas the checks use; nullptr means the embedded ones.
  const schema::SchemaSet* schemas = nullptr;
  // The clock for certificate validity (PC5001-PC5003); now == 0 skips the
  // date checks (the unreadable-certificate check still runs).
  cert::ExpiryPolicy expiry = {};
  // The MDM's APNs push certificate (--apns-cert): every MDM payload's
  // Topic is checked against it (PC5007).
  const cert::CertificateInfo* apns_certificate = nullptr;
  // The identity of the device encrypted .mobileconfig files were
  // encrypted for (--device-p12, ...): their payloads are decrypted and
  // checked too.
  const sign::SigningIdentity* decrypt_with = nullptr;
  SourceSpan apns_span = {};
  // The target .mobileconfig files are checked for (`check --platform ...`);
  // nullopt: the [target] of their profilec.toml, else every platform.
  std::optional<ir::Target> mobileconfig_target = {};
  // The variables and files the command line's signing options name
  // (--sign-key-env, --key-password-env, --sign-p12, ...): no policy may
  // read them (docs/security.md), nor those of profilec.toml's [signing].
  std::vector<SigningSecret> signing_secrets = {};
  // Threads for the per-file stages (read, parse, lower, check, write the
  // XML); 0: every core. The result is the same for any count.
  unsigned jobs = 0;
  // Called on the worker thread as soon as a profile has compiled without
  // errors (build: encrypt and sign it), so that the costly step overlaps
  // compiling the other files. Must be safe to call from several threads.
  // The profile may still be dropped by the checks across files.
  std::function<void(CompiledProfile&)> finish = {};
};

CompileResult compile_policies(const std::vector<PolicyInput>& policies, const CompileInputs& inputs,
                               SourceMap& sources);

}  // namespace profilec
