// Runs the pipeline over a set of policy files: parse -> lower -> plist.
// Pure with respect to its inputs: files, environment and diagnostics come
// in through parameters, nothing is printed or written.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/environment.h"
#include "base/file_system.h"
#include "cert/certificate_checks.h"
#include "cert/certificate_info.h"
#include "diag/diagnostic.h"
#include "diag/source_map.h"
#include "diag/suppression.h"
#include "ir/declaration.h"
#include "ir/profile.h"
#include "lang/resolve_uses.h"
#include "lower/lower_policy.h"
#include "project/discover.h"
#include "project/result_cache.h"
#include "project/sign_profile.h"
#include "schema/schema_set.h"
#include "sign/identity.h"

namespace profilec {

class ProjectConfigs;

struct CompiledProfile {
  std::string source_path;
  std::string output_name;  // relative, without extension
  ir::Profile profile;
  std::string xml;  // the unsigned .mobileconfig
  // When CompileInputs::signing is active: the bytes to write (signed,
  // encrypted: sign_profile), or why they could not be made.
  std::optional<std::string> finished;
  std::string signing_error;
  // Not signed again: the file an earlier build signed from the same content
  // stays (ProfileSigning::previous); `finished` is empty.
  bool kept = false;
  // A result the result cache kept (CompileInputs::kept_results): `xml` is
  // empty, `kept` is true, and this is its build_input_digest.
  std::string made_from;
};

// The declarations of one policy (docs/ddm.md), each with its JSON text.
struct CompiledDeclarations {
  std::string source_path;
  std::string output_name;  // relative, without extension: written to <output_name>.declarations/
  std::vector<ir::Declaration> declarations;
  std::vector<std::string> json;  // one per declaration, in the same order
  ir::Target target;              // the policy's [target]: which devices the declarations reach
};

struct CompileResult {
  std::vector<CompiledProfile> profiles;           // in input order; only files without errors
  std::vector<CompiledDeclarations> declarations;  // in input order; only files without errors
  Diagnostics diagnostics;
  std::vector<IoError> io_errors;        // policies that could not be read at all
  std::size_t skipped_non_policies = 0;  // TOML files in a folder walk that are not policies
  // .mobileconfig files read as they are (project/mobileconfig_input.h):
  // checked and analysed with the policies, never written by `build`.
  std::vector<ir::Profile> read_profiles;
  // Declaration JSON files read as they are (project/declaration_input.h):
  // checked, never written by `build`.
  std::vector<ir::Declaration> read_declarations;
  // With CompileInputs::across_files false, what report_across_files needs
  // later: the `# profilec: allow` comments that silenced nothing yet
  // (PC0025 candidates) and where each payload's fragments came in.
  std::vector<UnusedSuppression> unused_suppressions;
  lang::FragmentSites fragment_sites;
  // With CompileInputs::kept_results: the entries of the next result
  // cache, in input order, and how many policies were not compiled because
  // their kept result was used.
  std::vector<KeptEntry> kept;
  std::size_t reused = 0;
};

// Everything a run of the pipeline is given: one struct for the commands
// (cli/run_compile.h) and for the callers that compile alone (import, the
// tests).
struct CompileInputs {
  const FileSystem& files;
  const Environment& environment;
  SecretMode secrets = SecretMode::kPlaceholder;
  // The schemas the checks use; nullptr means the embedded ones.
  const schema::SchemaSet* schemas = nullptr;
  // The run's project files, loaded once and shared with the folder walk
  // and the command's [signing] and fail_on; their findings are reported at
  // the first input each applies to. nullptr: the compile loads its own.
  ProjectConfigs* projects = nullptr;
  // The clock for certificate validity (PC5001-PC5003); now == 0 skips the
  // date checks (the unreadable-certificate check still runs).
  cert::ExpiryPolicy expiry = {};
  // The MDM's APNs push certificate (--apns-cert), at `apns_span`: checked
  // itself, and every MDM payload's Topic is checked against it (PC5007).
  const cert::CertificateInfo* apns_certificate = nullptr;
  SourceSpan apns_span = {};
  // The identity of the device encrypted .mobileconfig files were
  // encrypted for (--device-p12, ...): their payloads are decrypted and
  // checked too.
  const sign::SigningIdentity* decrypt_with = nullptr;
  // The target .mobileconfig files are checked for (`check --platform ...`);
  // nullopt: the [target] of their profilec.toml, else every platform.
  std::optional<ir::Target> mobileconfig_target = {};
  // The variables and files the command line's signing options name
  // (--sign-key-env, --key-password-env, --sign-p12, ...): no policy may
  // read them (docs/security.md), nor those of profilec.toml's [signing].
  std::vector<SigningSecret> signing_secrets = {};
  // Threads for the per-file stages (read, parse, lower, check, write the
  // XML, sign); 0: every core. The result is the same for any count.
  unsigned jobs = 0;
  // build --sign / --encrypt-for: each profile that compiled without errors
  // is signed on the thread that compiled it (sign_profile), so signing
  // overlaps compiling the other files; its identity's certificate is
  // checked first. The profile may still be dropped by the checks across
  // files.
  ProfileSigning signing = {};

  // Around the pipeline (cli/run_compile.h): the folders the folder walks
  // skip (--exclude, build's output), and --fail-on, the lowest severity
  // that makes the exit code 1 (nullopt: the `fail_on` of the profilec.toml
  // that applies to the first path, else error).
  std::vector<std::string> exclude = {};
  std::optional<Severity> fail_on = {};
  // False: the findings across files (analyze/, output collisions, unused
  // suppressions) are left to report_across_files, which the language
  // server runs over the results of files compiled one at a time and kept.
  bool across_files = true;
  // build: the results the previous build into the output folder kept
  // (project/result_cache.h). A policy whose kept result still holds, and
  // whose profile is still in the folder as made from it
  // (signing.previous), is not compiled: its result is used. Each policy
  // whose result may be kept gets an entry in CompileResult::kept.
  // nullptr: every policy is compiled and nothing is kept.
  const ResultCache* kept_results = nullptr;
};

// The key of the result cache (project/result_cache.h) for a run with
// `inputs` and `schemas` by the build of profilec `program_identity`:
// everything outside the policies that changes any policy's result.
std::string result_cache_run_key(std::string_view program_identity, const CompileInputs& inputs,
                                 const schema::SchemaSet& schemas);

CompileResult compile_policies(const std::vector<PolicyInput>& policies, const CompileInputs& inputs,
                               SourceMap& sources);

// The results of one or more compile_policies runs with across_files false.
struct AcrossFiles {
  std::vector<const CompiledProfile*> profiles;  // in input order
  std::vector<const ir::Profile*> read_profiles;
  std::vector<const CompiledDeclarations*> declarations;  // in input order
  std::vector<const lang::FragmentSites*> fragment_sites;
  std::vector<UnusedSuppression> unused_suppressions;  // consumed: those that silence a finding here are removed
};

// What compile_policies reports after the last file: collisions of output
// names, the analysis across profiles (PC3xxx, PC4xxx) and declarations
// (PC6020), with the
// suppressions in `sources` and the [rules] of each finding's project
// applied, then the suppressions that silenced nothing (PC0025).
Diagnostics report_across_files(AcrossFiles& inputs, const schema::SchemaSet& schemas, const SourceMap& sources,
                                ProjectConfigs& projects);

}  // namespace profilec
