#include "import/data_files.h"

#include <openssl/pkcs12.h>
#include <openssl/x509.h>

namespace profilec::import {
namespace {

// Exactly one DER certificate, nothing after it.
bool is_der_certificate(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  X509* cert = d2i_X509(nullptr, &p, static_cast<long>(bytes.size()));
  if (!cert) return false;
  X509_free(cert);
  return p == reinterpret_cast<const unsigned char*>(bytes.data()) + bytes.size();
}

bool is_pkcs12(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  PKCS12* p12 = d2i_PKCS12(nullptr, &p, static_cast<long>(bytes.size()));
  if (!p12) return false;
  PKCS12_free(p12);
  return true;
}

}  // namespace

DataPlacement place_data(std::string_view bytes, std::string_view payload_type, bool top_level_content) {
  if ((top_level_content && payload_type == "com.apple.security.pkcs12") || is_pkcs12(bytes)) {
    return {true, ".p12", "PKCS #12 identity (holds a private key)", true};
  }
  if (is_der_certificate(bytes)) return {true, ".cer", "certificate", false};
  if (bytes.starts_with("-----BEGIN ")) {
    const bool key = bytes.find("PRIVATE KEY-----") != std::string_view::npos;
    return {true, ".pem", key ? "PEM (holds a private key)" : "PEM certificate", key};
  }
  if (bytes.starts_with("\x89PNG\r\n\x1a\n")) return {true, ".png", "PNG image", false};
  if (bytes.size() <= kInlineDataLimit) return {false, {}, {}, false};
  return {true, ".bin", "data", false};
}

}  // namespace profilec::import
