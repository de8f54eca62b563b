// The certificates a profile ships (com.apple.security.root, .pkcs1 and
// .pem payloads): unreadable ones (PC5008) and their validity dates
// (PC5001-PC5003), since an expired trust anchor silently breaks the Wi-Fi,
// VPN and mail connections that rely on it. PKCS#12 identities are
// password-protected and not opened.
#pragma once

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

// PC5007: every com.apple.mdm payload's Topic must be the topic of the MDM
// server's APNs push certificate (the UID of its subject), or the device
// enrolls but never receives a push. `push_span` locates the certificate.
void check_apns_topic(const ir::Profile& profile, const CertificateInfo& push_certificate, const SourceSpan& push_span,
                      Diagnostics& diagnostics);

}  // namespace profilec::cert
