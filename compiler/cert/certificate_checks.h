// The checks on a certificate profilec relies on or ships (PC5001-PC5006):
// validity dates against a clock, and for signing certificates, key usage,
// key size and digest.
#pragma once

#include <cstdint>
#include <string_view>

#include "base/source_span.h"
#include "cert/certificate_info.h"
#include "diag/diagnostic.h"

namespace profilec::cert {

enum class CertificateRole {
  kSigning,  // signs the profiles (--sign-cert, --sign-p12)
  kPush,     // the MDM's APNs push certificate (--apns-cert)
  kPayload,  // shipped inside a payload (root, PKCS#1, PEM)
};

struct ExpiryPolicy {
  std::int64_t now = 0;   // seconds since the epoch, UTC
  int warning_days = 30;  // PC5003 when it expires within this many days
};

// The clock the CLI uses: the current time, or PROFILEC_NOW
// ("2027-01-31T00:00:00Z" or seconds) when set, so a team can ask "will it
// still be valid on rollout day" and tests can pin the date. nullopt-like
// failure is reported through `error`.
std::int64_t now_from_environment(const char* value, std::string& error);

// `what` names the certificate in messages: "signing certificate",
// "APNs push certificate", "certificate in payload 'root-ca'".
void check_certificate(const CertificateInfo& info, CertificateRole role, std::string_view what,
                       const ExpiryPolicy& expiry, const SourceSpan& span, Diagnostics& diagnostics);

}  // namespace profilec::cert
