#include "cli/signing_report.h"

#include <memory>

#include "cli/exit_codes.h"
#include "cli/report.h"

namespace profilec::cli {

Diagnostics signing_certificate_findings(const sign::SigningIdentity& identity, const cert::ExpiryPolicy& expiry) {
  Diagnostics diagnostics;
  const SourceSpan span = whole_file_span(std::make_shared<const std::string>(identity.source_path()));
  cert::check_certificate(identity.certificate(), cert::CertificateRole::kSigning, "signing certificate", expiry, span,
                          diagnostics);
  return diagnostics;
}

int report_signing_certificate(const sign::SigningIdentity& identity, const cert::ExpiryPolicy& expiry,
                               const GlobalOptions& globals) {
  Diagnostics diagnostics = signing_certificate_findings(identity, expiry);
  if (diagnostics.empty()) return kExitClean;
  print_diagnostics(diagnostics, SourceMap{}, globals.report);
  return diagnostics.has_errors() ? kExitFindings : kExitClean;
}

}  // namespace profilec::cli
