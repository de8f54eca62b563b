// What each distinct certificate reads as, remembered for the run.
//
// Reading one certificate costs about 140 us with Debian 12's OpenSSL 3.0
// (d2i_X509 decodes the public key through the provider decoders), and a
// repository ships the same few certificates (its root CA, its SCEP CA) in
// many profiles: 10,000 policies with 2,500 copies of one root certificate
// spent a quarter of `check` there. The result is that of read_certificate,
// keyed by the exact bytes; safe to call from several threads.
#pragma once

#include <string>
#include <string_view>

#include "base/expected.h"
#include "cert/certificate_info.h"

namespace profilec::cert {

Expected<CertificateInfo, std::string> read_certificate_cached(std::string_view der_or_pem);

}  // namespace profilec::cert
