// The findings on the signing certificate itself (PC5001-PC5006, PC5011),
// printed like any other findings, located at the certificate file: what
// `sign` reports before it signs (`build` reports them with its compile).
#pragma once

#include "cert/certificate_checks.h"
#include "cli/commands.h"
#include "sign/identity.h"

namespace profilec::cli {

// Prints them; kExitFindings when one is an error (nothing may be signed).
int report_signing_certificate(const sign::SigningIdentity& identity, const cert::ExpiryPolicy& expiry,
                               const GlobalOptions& globals);

}  // namespace profilec::cli
