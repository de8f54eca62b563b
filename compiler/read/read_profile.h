// Reading an existing .mobileconfig: bytes -> the profile IR, the state of
// its signature, and findings (docs/reading.md). This is the reader stage's
// one public entry point; `check` and `import` both use it.
//
//   Diagnostics diagnostics;
//   read::ReadResult r = read::read_profile(bytes, "wifi.mobileconfig", diagnostics);
//   if (r.profile) check::check_profile(*r.profile, schemas, diagnostics);
//   sources.add(path, r.text);  // so findings can show their source line
//
// What it accepts:
// - XML property lists (plist/xml_reader.h): every value and key has its
//   line and column;
// - binary property lists, "bplist00" (plist/binary_reader.h): spans are
//   the whole file;
// - either of them inside CMS SignedData (DER), as Apple Configurator,
//   MDMs and `profilec build --sign` write them. The signature is checked
//   and reported (PC0020 when it does not verify), never a reason not to
//   read the content. Spans inside a signed file use the file's path with
//   the line and column inside the signed content: `text` is that content.
//
// The profile: `envelope` is the top-level dictionary without
// PayloadContent; `payloads` are the dictionaries of PayloadContent in
// order, each with its PayloadType ("" when it has none) and the span of
// its <dict>; `name` is empty; `target` is left at its default (every
// platform) for the caller to fill; `read_from_plist` is true;
// `has_payload_content` is false when the file has no PayloadContent key. A profile whose payloads are encrypted
// (EncryptedPayloadContent) has no payloads unless `decrypt_with` is given
// (PC0022 says so). A file whose top-level PayloadType is not
// "Configuration" (a bare payload) keeps its whole dictionary as the
// envelope and has no payloads: check reports PC1013 on it.
//
// Findings: PC0017 plist-syntax, PC0018 plist-limit, PC0019
// duplicate-plist-key, PC0020 invalid-signature, PC0021
// unreadable-signed-profile, PC0022 encrypted-profile, PC0023 not-a-profile,
// PC0024 lenient-plist (read as CoreFoundation reads it, which other parsers
// refuse), and PC0010 empty-profile. `profile` is nullopt exactly when an error made
// the file unreadable as a profile.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cert/certificate_info.h"
#include "diag/diagnostic.h"
#include "ir/profile.h"
#include "sign/cms_open.h"
#include "sign/identity.h"

namespace profilec::read {

enum class PlistFormat { kXml, kBinary };

// What a CMS signature said, for a signed file.
struct SignatureReport {
  sign::SignatureState state = sign::SignatureState::kInvalid;
  std::string problem;                          // empty when valid
  std::optional<cert::CertificateInfo> signer;  // absent when the file includes no signer certificate
  std::vector<cert::CertificateInfo> chain;     // the other certificates included
};

struct ReadResult {
  std::optional<ir::Profile> profile;
  PlistFormat format = PlistFormat::kXml;
  std::optional<SignatureReport> signature;  // only for CMS-signed files
  bool encrypted = false;                    // had EncryptedPayloadContent
  bool decrypted = false;                    // ...and decrypt_with opened it
  // The property-list bytes the spans point into: the file itself, or the
  // content of a signed file (for SourceMap).
  std::string text;
};

struct ReadOptions {
  sign::OpenOptions open;                               // trust anchors for the signature
  const sign::SigningIdentity* decrypt_with = nullptr;  // a device identity for encrypted payloads
};

ReadResult read_profile(std::string_view bytes, const std::string& path, Diagnostics& diagnostics,
                        const ReadOptions& options = {});

// PC0018 for a profile of `size` bytes, over kMaxPlistBytes: what
// read_profile reports for such bytes, for a reader that refused the file
// before reading it (FileSystem::read_file_up_to).
void report_profile_too_large(const std::string& path, std::uint64_t size, Diagnostics& diagnostics);

// True when `bytes` are a property list or a CMS-signed file rather than
// TOML: "bplist" (any version), DER, or text whose first character (after a byte-order
// mark and blanks) is '<'. How a file named on the command line is told
// apart whatever its extension.
bool looks_like_plist(std::string_view bytes);

}  // namespace profilec::read
