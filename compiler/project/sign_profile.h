// build's last step for each profile (docs/signing.md): its payloads
// encrypted for one device (--encrypt-for), then the whole profile signed
// (--sign). compile.cc runs it on the thread that compiled the profile, so
// signing overlaps compiling the other files.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "base/expected.h"
#include "cert/certificate_checks.h"
#include "diag/diagnostic.h"
#include "ir/profile.h"
#include "sign/cms_sign.h"
#include "sign/identity.h"

namespace profilec {

struct ProfileSigning {
  // The identity that signs every profile; nullptr: not signed.
  const sign::SigningIdentity* identity = nullptr;
  sign::SignOptions options;  // the signing time
  // The certificate (PEM or DER) of the device the payloads are encrypted
  // for; nullptr: not encrypted.
  const std::string* device_certificate = nullptr;

  // build into a folder holding its previous build (project/build_output.h):
  // file name in the folder -> build_input_digest of each earlier file still
  // there as written. A profile whose digest is unchanged is not signed or
  // encrypted again: the file stays (CompiledProfile::kept).
  const std::map<std::string, std::string>* previous = nullptr;

  bool active() const { return identity != nullptr || device_certificate != nullptr; }
};

// What build's output for `xml` is made from, as a SHA-256 (hex): the
// unsigned bytes, and with `signing` active the signer's certificate and
// chain (their SHA-256 fingerprints) and the certificate encrypted for.
// Equal digests, equal content: what the next build compares, since
// signatures (the signing time, ECDSA) and encryption (a random key) differ
// from one run to the next.
std::string build_input_digest(std::string_view xml, const ProfileSigning& signing);
// The same, from the SHA-256 (hex) of the unsigned bytes: what a result
// kept by the result cache (project/result_cache.h) keeps of them.
std::string build_input_digest_of_unsigned(std::string_view unsigned_sha256, const ProfileSigning& signing);

// The bytes build writes for `profile`, whose unsigned XML is `xml`: with
// its payloads encrypted and the whole signed, as `signing` asks; else why
// they could not be made (OpenSSL's reason). Thread-safe.
Expected<std::string, std::string> sign_profile(const ir::Profile& profile, const std::string& xml,
                                                const ProfileSigning& signing);

// The findings of the signing identity's certificate itself (PC5001-PC5006,
// PC5011), located at its file.
void check_signing_certificate(const sign::SigningIdentity& identity, const cert::ExpiryPolicy& expiry,
                               Diagnostics& diagnostics);

}  // namespace profilec
