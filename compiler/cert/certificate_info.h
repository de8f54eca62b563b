// What the checks and `verify` need to know of an X.509 certificate, read
// once with OpenSSL so no later stage handles OpenSSL objects.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/expected.h"

struct x509_st;  // OpenSSL's X509

namespace profilec::cert {

struct CertificateInfo {
  std::string subject;  // RFC 2253 form: "CN=Acme Root CA,O=Acme"
  std::string issuer;
  std::string serial_hex;       // upper-case hex, no separators
  std::int64_t not_before = 0;  // seconds since the epoch, UTC
  std::int64_t not_after = 0;
  std::string key_type;  // "RSA", "EC", "Ed25519", ...
  int key_bits = 0;
  std::string signature_digest;    // "SHA256", "SHA1", ... ; empty when unknown
  bool has_key_usage = false;      // the extension is present
  bool digital_signature = false;  // keyUsage digitalSignature (true when no extension)
  // extendedKeyUsage purposes by OpenSSL short name ("codeSigning",
  // "serverAuth", "anyExtendedKeyUsage") or dotted OID; empty when the
  // extension is absent.
  std::vector<std::string> extended_key_usages;
  std::string user_id;             // subject UID (APNs push certificates: the topic)
  std::string sha256_fingerprint;  // upper-case hex
};

// One DER or PEM certificate (the first, for a PEM bundle). Errors are
// lower-case messages.
Expected<CertificateInfo, std::string> read_certificate(std::string_view der_or_pem);

// For cert/ and sign/, which hold OpenSSL objects.
CertificateInfo describe_certificate(const x509_st* cert);

// "2027-01-31T12:00:00Z"
std::string format_time(std::int64_t seconds_since_epoch);

}  // namespace profilec::cert
