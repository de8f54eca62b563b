#include "cli/signing_report.h"

#include "cli/exit_codes.h"
#include "cli/report.h"
#include "project/sign_profile.h"

namespace profilec::cli {

int report_signing_certificate(const sign::SigningIdentity& identity, const cert::ExpiryPolicy& expiry,
                               const GlobalOptions& globals) {
  Diagnostics diagnostics;
  check_signing_certificate(identity, expiry, diagnostics);
  if (diagnostics.empty()) return kExitClean;
  print_diagnostics(diagnostics, SourceMap{}, globals.report);
  return diagnostics.has_errors() ? kExitFindings : kExitClean;
}

}  // namespace profilec::cli
