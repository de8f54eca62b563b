// Certificates and keys made in memory for the signing tests, so no test
// depends on a committed key or on today's date.
#pragma once

#include <cstdint>
#include <string>

#include "sign/identity.h"

namespace profilec::testing {

struct TestCertificateSpec {
  std::string common_name = "profilec test signer";
  std::string key_type = "EC";  // "EC" (P-256) or "RSA"
  int rsa_bits = 2048;
  std::int64_t not_before = 0;  // seconds since the epoch; 0: a year before kTestNow
  std::int64_t not_after = 0;   // 0: ten years after kTestNow
  bool key_usage_digital_signature = true;
  bool key_usage_extension = true;
  std::string digest = "SHA256";   // or "SHA1"
  std::string user_id;             // subject UID (APNs topic)
  std::string extended_key_usage;  // e.g. "codeSigning" or "critical,timeStamping"; empty: no extension
};

struct TestIdentity {
  std::string certificate_pem;
  std::string certificate_der;
  std::string key_pem;
  std::string key_pem_encrypted;  // with the password "secret"
  std::string pkcs12;             // with the password "secret"
};

// A small profile to sign.
inline const std::string kTestPlist =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\">\n<dict>\n\t<key>PayloadType</key>\n"
    "\t<string>Configuration</string>\n</dict>\n</plist>\n";

// Self-signed unless `issuer` is given (its certificate and key, PEM).
TestIdentity make_test_identity(const TestCertificateSpec& spec, const TestIdentity* issuer = nullptr);

// The identity loaded as `sign` would (with `ca`'s certificate as its
// chain); throws when it does not load.
sign::SigningIdentity load_test_identity(const TestIdentity& id, const TestIdentity* ca = nullptr);

}  // namespace profilec::testing
