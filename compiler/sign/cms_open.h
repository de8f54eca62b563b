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
  kValid,          // the signature matches the content and the signer's key
  kInvalid,        // content or signature altered, or signed by another key
  kUntrusted,      // valid, but the chain does not lead to a given CA (--ca)
};

struct SignedContent {
  std::string content;                 // the attached content: the plist bytes
  SignatureState state = SignatureState::kInvalid;
  std::string problem;                 // why kInvalid/kUntrusted, lower-case; empty when valid
  std::optional<cert::CertificateInfo> signer;  // absent when no signer certificate is included
  std::vector<cert::CertificateInfo> chain;  // the other certificates included, in file order
};

struct OpenOptions {
  // PEM bundle of trusted CAs; empty: only the signature is checked, not
  // the chain (an MDM-signed profile has no public trust anchor here).
  std::string ca_bundle_pem;
  // The time the chain is checked at (seconds since the epoch); 0: now.
  std::int64_t at_time = 0;
};

// Parses DER CMS SignedData with attached content and checks the signature.
// Errors (not CMS, truncated, detached content, not SignedData) are
// lower-case messages without a path.
Expected<SignedContent, std::string> open_signed(std::string_view der, const OpenOptions& options = {});

}  // namespace profilec::sign
