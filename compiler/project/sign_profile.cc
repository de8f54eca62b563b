#include "project/sign_profile.h"

#include <fmt/format.h>

#include <memory>
#include <optional>

#include "base/sha256.h"
#include "plist/xml_writer.h"
#include "sign/encrypt_profile.h"

namespace profilec {

Expected<std::string, std::string> sign_profile(const ir::Profile& profile, const std::string& xml,
                                                const ProfileSigning& signing) {
  std::optional<std::string> encrypted_xml;  // the XML with its payloads encrypted
  if (signing.device_certificate != nullptr) {
    auto encrypted = sign::encrypt_payload_content(ir::profile_to_plist(profile), *signing.device_certificate);
    if (!encrypted) return Unexpected{encrypted.error()};
    auto written = write_xml_plist(*encrypted);
    if (!written) return Unexpected{written.error().message};
    encrypted_xml = std::move(*written);
  }
  if (signing.identity == nullptr) {
    if (encrypted_xml) return std::move(*encrypted_xml);
    return xml;
  }
  return sign::sign_content(encrypted_xml ? *encrypted_xml : xml, *signing.identity, signing.options);
}

std::string build_input_digest(std::string_view xml, const ProfileSigning& signing) {
  return build_input_digest_of_unsigned(sha256_hex(xml), signing);
}

std::string build_input_digest_of_unsigned(std::string_view unsigned_sha256, const ProfileSigning& signing) {
  std::string made_from = fmt::format("profilec build input 1\nunsigned {}\n", unsigned_sha256);
  if (signing.identity != nullptr) {
    made_from += fmt::format("signer {}\n", signing.identity->certificate().sha256_fingerprint);
    for (const cert::CertificateInfo& link : signing.identity->chain()) {
      made_from += fmt::format("chain {}\n", link.sha256_fingerprint);
    }
  }
  if (signing.device_certificate != nullptr) {
    made_from += fmt::format("encrypted for {}\n", sha256_hex(*signing.device_certificate));
  }
  return sha256_hex(made_from);
}

void check_signing_certificate(const sign::SigningIdentity& identity, const cert::ExpiryPolicy& expiry,
                               Diagnostics& diagnostics) {
  const SourceSpan span = whole_file_span(std::make_shared<const std::string>(identity.source_path()));
  cert::check_certificate(identity.certificate(), cert::CertificateRole::kSigning, "signing certificate", expiry, span,
                          diagnostics);
}

}  // namespace profilec
