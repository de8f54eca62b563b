// The checks on a certificate profilec relies on or ships (PC5001-PC5006,
// PC5011): validity dates against a clock, and for signing certificates,
// key usage, extended key usage, key size and digest.
#pragma once

#include <cstdint>
#include <string>
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

// Which certificates may sign profiles: the one definition that `sign` and
// `build --sign` (refusing the others up front: PC5004, PC5005, PC5011),
// `check` of signed files and `verify` share (docs/signing.md).
// - key usage absent, or with digitalSignature;
// - extended key usage absent, or naming one of kProfileSigningUsages;
// - not a weak key: RSA under kMinimumRsaBits bits.
inline constexpr int kMinimumRsaBits = 2048;
inline constexpr std::string_view kProfileSigningUsages[] = {"anyExtendedKeyUsage", "codeSigning", "emailProtection",
                                                             "serverAuth", "clientAuth"};
bool allows_profile_signing_usage(const CertificateInfo& info);  // the extended key usage part
bool is_weak_signing_key(const CertificateInfo& info);
// MD5 or SHA-1, in any of OpenSSL's spellings ("SHA1", "sha1", "SHA-1").
bool is_weak_digest(std::string_view digest);
// Why `info` may not sign profiles (key usage, extended key usage, key
// size), lower-case; empty when it may.
std::string signing_certificate_problem(const CertificateInfo& info);

// `what` names the certificate in messages: "signing certificate",
// "APNs push certificate", "certificate in payload 'root-ca'".
void check_certificate(const CertificateInfo& info, CertificateRole role, std::string_view what,
                       const ExpiryPolicy& expiry, const SourceSpan& span, Diagnostics& diagnostics);

}  // namespace profilec::cert
