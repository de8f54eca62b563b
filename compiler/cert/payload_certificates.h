// The certificates a profile ships (com.apple.security.root, .pkcs1 and
// .pem payloads): unreadable ones (PC5008) and their validity dates
// (PC5001-PC5003), since an expired trust anchor silently breaks the Wi-Fi,
// VPN and mail connections that rely on it. PKCS#12 identities are
// password-protected and not opened.
#pragma once

#include <cstdint>
#include <string_view>

#include "cert/certificate_checks.h"
#include "cert/certificate_info.h"
#include "diag/diagnostic.h"
#include "ir/profile.h"

namespace profilec::cert {

// The payload types that ship a certificate in PayloadContent (these
// checks, and `report`'s list of certificates).
bool ships_certificate(std::string_view payload_type);

void check_payload_certificates(const ir::Profile& profile, const ExpiryPolicy& expiry, Diagnostics& diagnostics);

// The clock values `now` over which check_payload_certificates reports for
// `profile` exactly what it reports at expiry.now (with the same
// warning_days): [from, until). The whole range when the profile ships no
// certificate with dates; else bounded by each certificate's dates, the
// start of its warning period and, inside it, the day its "in N days"
// changes. A kept result (project/result_cache.h) is reused only inside it.
struct ClockWindow {
  std::int64_t from = INT64_MIN;
  std::int64_t until = INT64_MAX;
  bool contains(std::int64_t now) const { return from <= now && now < until; }
};
ClockWindow payload_certificates_clock_window(const ir::Profile& profile, const ExpiryPolicy& expiry);

// PC5007: every com.apple.mdm payload's Topic must be the topic of the MDM
// server's APNs push certificate (the UID of its subject), or the device
// enrolls but never receives a push. `push_span` locates the certificate.
void check_apns_topic(const ir::Profile& profile, const CertificateInfo& push_certificate, const SourceSpan& push_span,
                      Diagnostics& diagnostics);

}  // namespace profilec::cert
