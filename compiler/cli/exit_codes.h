#pragma once

namespace profilec::cli {

// Stable exit codes, documented in docs/cli.md.
enum ExitCode : int {
  kExitClean = 0,        // nothing at error level
  kExitFindings = 1,     // at least one error-level finding
  kExitUsage = 2,        // bad command line, unreadable input, unwritable output
  kExitOutOfMemory = 3,  // the run reached its memory limit (--memory-limit, docs/robustness.md)
  // `verify` without --ca: every signature is intact and strong, but no
  // signer was verified (anyone can make a certificate with any names).
  kExitSignerNotVerified = 4,
};

}  // namespace profilec::cli
