// The findings on the signing certificate itself (PC5001-PC5006), printed
// like any other findings, located at the certificate file.
#pragma once

#include "cert/certificate_checks.h"
#include "cli/commands.h"
#include "diag/diagnostic.h"
#include "sign/identity.h"

namespace profilec::cli {

// The findings of the signing identity's certificate.
Diagnostics signing_certificate_findings(const sign::SigningIdentity& identity, const cert::ExpiryPolicy& expiry);

// Prints them; kExitFindings when one is an error (nothing may be signed).
int report_signing_certificate(const sign::SigningIdentity& identity, const cert::ExpiryPolicy& expiry,
                               const GlobalOptions& globals);

}  // namespace profilec::cli
