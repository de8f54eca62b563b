#include "base/sha256.h"

// OpenSSL's SHA256() and EVP_Digest() fetch the digest from a provider: the
// first fetch of a process initialises OpenSSL's provider and name tables,
// about 5 M instructions, a quarter of a one-policy `check`
// (docs/performance.md, "Start-up"). The SHA256_* functions are the same
// implementation without the fetch; OpenSSL 3 deprecates them but keeps
// them. ir/uuid.cc does the same for SHA-1.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

#include <array>

namespace profilec {

std::string sha256_hex(std::string_view bytes) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256_CTX context;
  SHA256_Init(&context);
  SHA256_Update(&context, bytes.data(), bytes.size());
  SHA256_Final(digest.data(), &context);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * digest.size());
  for (unsigned char byte : digest) {
    hex += kHex[byte >> 4];
    hex += kHex[byte & 0xf];
  }
  return hex;
}

}  // namespace profilec
