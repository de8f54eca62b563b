// What `check` and `build` share: find the policies, compile them, print
// the findings.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/environment.h"
#include "base/file_system.h"
#include "cli/commands.h"
#include "project/compile.h"

namespace profilec::cli {

struct CompileRun {
  CompileResult result;
  int exit_code = 0;  // 0 clean, 1 findings (at or above the fail-on level), 2 I/O
};

// What a command adds to the run: the certificate clock and APNs push
// certificate for the checks, and findings of its own (the signing
// certificate's) to print with the rest.
struct CompileExtras {
  cert::ExpiryPolicy expiry;
  std::optional<cert::CertificateInfo> apns_certificate;
  std::string apns_path;
  Diagnostics findings;
  // `check --platform ...`: the target of .mobileconfig files.
  std::optional<ir::Target> mobileconfig_target;
  // Folders the folder walks skip (--exclude, and build's own output).
  std::vector<std::string> exclude;
  const sign::SigningIdentity* decrypt_with = nullptr;
  // The signing options' variables and files (signing_secrets()).
  std::vector<SigningSecret> signing_secrets;
  // -j: threads for the per-file stages; 0: every core.
  unsigned jobs = 0;
  std::function<void(CompiledProfile&)> finish = {};  // CompileInputs::finish
  // --fail-on: the lowest severity that makes the exit code 1. nullopt:
  // the `fail_on` of the profilec.toml that applies to the first path, else
  // error.
  std::optional<Severity> fail_on;
};

CompileRun run_compile(const std::vector<std::string>& paths, SecretMode secrets, FileSystem& files,
                       const Environment& environment, const schema::SchemaSet& schemas,
                       const GlobalOptions& globals, const CompileExtras& extras = {});

}  // namespace profilec::cli
