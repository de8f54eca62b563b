// Reading a CMS-signed (or encrypted) .mobileconfig: the content inside a
// DER SignedData, and what its signature says. A bad signature is a state to
// report, not a parse error: the content is still returned when it can be.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/expected.h"
#include "cert/certificate_info.h"

namespace profilec::sign {

// True when `bytes` start like DER (a SEQUENCE) rather than a plist: the
// cheap test readers use to decide whether to call open_signed().
bool looks_like_der(std::string_view bytes);

enum class SignatureState {
  kValid,      // the signature matches the content and the signer's key
  kInvalid,    // content, content type or signature altered, or signed by another key
  kUntrusted,  // valid, but the chain does not lead to a given CA (--ca)
};

struct SignedContent {
  std::string content;  // the attached content: the plist bytes
  SignatureState state = SignatureState::kInvalid;
  std::string problem;                          // why kInvalid/kUntrusted, lower-case; empty when valid
  std::optional<cert::CertificateInfo> signer;  // absent when no signer certificate is included
  std::vector<cert::CertificateInfo> chain;     // the other certificates included, in file order
  std::string digest;                           // the signer's digest algorithm ("SHA256"); empty when unknown
  bool chain_checked = false;                   // a CA bundle was given and the signer chains to it
  // Why a signature that matches (kValid, kUntrusted) is still too weak to
  // call valid: an MD5 or SHA-1 digest, or a signer that may not sign
  // profiles (cert::signing_certificate_problem: key usage, extended key
  // usage, RSA under 2048 bits). Lower-case; empty when none. `check`
  // reports the signer's part as PC5004/PC5005/PC5011; `verify` says WEAK.
  std::string weakness;
};

struct OpenOptions {
  // PEM bundle of trusted certificates; empty: only the signature is
  // checked, not the chain (an MDM-signed profile has no public trust
  // anchor here). Any certificate in it is a trust anchor (an intermediate,
  // or the signer's own certificate, pins it); the purpose OpenSSL would
  // check (S/MIME signing) is not, profilec's own definition is
  // (`weakness`).
  std::string ca_bundle_pem;
  // The time the chain is checked at (seconds since the epoch); 0: now.
  std::int64_t at_time = 0;
};

// Parses DER CMS SignedData with attached content and checks the signature.
// Errors (not CMS, truncated, detached content, not SignedData) are
// lower-case messages without a path.
Expected<SignedContent, std::string> open_signed(std::string_view der, const OpenOptions& options = {});

}  // namespace profilec::sign
