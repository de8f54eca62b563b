#include "ir/uuid.h"

#include <openssl/evp.h>

#include <cctype>
#include <stdexcept>

namespace profilec::ir {

UuidBytes uuid_v5(const UuidBytes& name_space, std::string_view name) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  const bool ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha1(), nullptr) == 1 &&
                  EVP_DigestUpdate(ctx, name_space.data(), name_space.size()) == 1 &&
                  EVP_DigestUpdate(ctx, name.data(), name.size()) == 1 && EVP_DigestFinal_ex(ctx, digest, &length) == 1;
  EVP_MD_CTX_free(ctx);
  if (!ok || length < 16) throw std::runtime_error("OpenSSL SHA-1 failed");  // only on a broken libcrypto
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
