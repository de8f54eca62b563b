#include "cert/openssl_ptr.h"

#include <openssl/err.h>
#include <openssl/pem.h>

#include <algorithm>
#include <cctype>
#include <climits>

namespace profilec::cert {

BioPtr memory_bio(std::string_view bytes) {
  const int size = static_cast<int>(std::min<std::size_t>(bytes.size(), INT_MAX));
  return BioPtr(BIO_new_mem_buf(bytes.data(), size));
}

std::string bio_contents(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return size > 0 ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

std::string take_openssl_error(std::string_view fallback) {
  unsigned long newest = 0;
  std::string detail;
  const char* data = nullptr;
  int flags = 0;
  while (unsigned long code = ERR_get_error_all(nullptr, nullptr, nullptr, &data, &flags)) {
    newest = code;
    if ((flags & ERR_TXT_STRING) != 0 && data != nullptr && *data != '\0') detail = data;
  }
  const char* reason = newest != 0 ? ERR_reason_error_string(newest) : nullptr;
  std::string text = reason != nullptr ? std::string(reason) : std::string(fallback);
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  // "Verify error:certificate has expired" and the like say what failed.
  if (!detail.empty()) text += ": " + detail;
  return text;
}

X509StackPtr parse_certificates(std::string_view der_or_pem, std::string& error) {
  X509StackPtr certs(sk_X509_new_null());
  if (der_or_pem.find("-----BEGIN") != std::string_view::npos) {
    BioPtr bio = memory_bio(der_or_pem);
    while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) sk_X509_push(certs.get(), cert);
    // Reading stops at the end of the text with a "no start line" error: expected.
    ERR_clear_error();
    if (sk_X509_num(certs.get()) == 0) {
      error = "no PEM certificate in it";
      return nullptr;
    }
    return certs;
  }
  const auto* p = reinterpret_cast<const unsigned char*>(der_or_pem.data());
  X509* cert = d2i_X509(nullptr, &p, static_cast<long>(der_or_pem.size()));
  if (cert == nullptr) {
    error = "not a DER or PEM certificate (" + take_openssl_error("unreadable") + ")";
    return nullptr;
  }
  if (p != reinterpret_cast<const unsigned char*>(der_or_pem.data()) + der_or_pem.size()) {
    X509_free(cert);
    error = "not a DER certificate: bytes follow the certificate";
    return nullptr;
  }
  sk_X509_push(certs.get(), cert);
  return certs;
}

}  // namespace profilec::cert
