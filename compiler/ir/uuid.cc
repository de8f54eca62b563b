#include "ir/uuid.h"

// SHA1_* rather than EVP: no provider fetch, which would initialise
// OpenSSL's tables in every run that derives a UUID (base/sha256.cc).
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

#include <cctype>
#include <stdexcept>

namespace profilec::ir {

UuidBytes uuid_v5(const UuidBytes& name_space, std::string_view name) {
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA_CTX context;
  SHA1_Init(&context);
  SHA1_Update(&context, name_space.data(), name_space.size());
  SHA1_Update(&context, name.data(), name.size());
  SHA1_Final(digest, &context);
  UuidBytes out{};
  for (std::size_t i = 0; i < 16; ++i) out[i] = digest[i];
  out[6] = static_cast<std::uint8_t>((out[6] & 0x0F) | 0x50);  // version 5
  out[8] = static_cast<std::uint8_t>((out[8] & 0x3F) | 0x80);  // RFC variant
  return out;
}

const UuidBytes& profilec_namespace() {
  static const UuidBytes ns = [] {
    const UuidBytes dns = {0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1,
                           0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
    return uuid_v5(dns, "profilec");
  }();
  return ns;
}

std::string format_uuid(const UuidBytes& uuid) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[uuid[i] >> 4];
    out += kHex[uuid[i] & 0x0F];
  }
  return out;
}

std::string derived_payload_uuid(std::string_view payload_identifier) {
  return format_uuid(uuid_v5(profilec_namespace(), payload_identifier));
}

bool is_uuid_syntax(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

}  // namespace profilec::ir
