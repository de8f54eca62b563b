// Signing: DER CMS SignedData with the content attached, SHA-256, the
// signer's certificate and chain included, and the signed attributes
// content type, message digest and signing time: the shape of
// `security cms -S` and `openssl smime -sign -nodetach -outform der -binary`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/expected.h"
#include "sign/identity.h"

namespace profilec::sign {

struct SignOptions {
  // The signing time attribute (seconds since the epoch). The CLI sets it
  // from SOURCE_DATE_EPOCH when that is set, so RSA-signed output is
  // byte-for-byte reproducible; otherwise it is the current time.
  std::int64_t signing_time = 0;
};

// Thread-safe: several threads may sign with one identity at once.
Expected<std::string, std::string> sign_content(std::string_view content, const SigningIdentity& identity,
                                                const SignOptions& options);

}  // namespace profilec::sign
