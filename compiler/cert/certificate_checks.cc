#include "cert/certificate_checks.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <ctime>

namespace profilec::cert {
namespace {

constexpr std::int64_t kDay = std::int64_t{24} * 60 * 60;

std::string describe(const CertificateInfo& info) {
  return fmt::format("subject {}, serial {}", info.subject.empty() ? "(empty)" : info.subject, info.serial_hex);
}

std::string_view renew_help(CertificateRole role) {
  switch (role) {
    case CertificateRole::kSigning:
      return "renew the signing identity; devices show profiles signed with it as not verified";
    case CertificateRole::kPush:
      return "renew it at identity.apple.com with the same Apple ID that created it; a new Apple ID means "
             "re-enrolling every device";
    case CertificateRole::kPayload:
      return "replace the certificate in the payload; Wi-Fi, VPN and other connections that trust it stop working";
  }
  return {};
}

std::string usage_list(const CertificateInfo& info) {
  std::string out;
  for (const std::string& usage : info.extended_key_usages) out += (out.empty() ? "" : ", ") + usage;
  return out;
}

std::string weak_key_text(const CertificateInfo& info) { return fmt::format("a {}-bit RSA key", info.key_bits); }

}  // namespace

bool allows_profile_signing_usage(const CertificateInfo& info) {
  if (info.extended_key_usages.empty()) return true;
  for (const std::string& usage : info.extended_key_usages) {
    for (std::string_view allowed : kProfileSigningUsages) {
      if (usage == allowed) return true;
    }
  }
  return false;
}

bool is_weak_signing_key(const CertificateInfo& info) {
  return info.key_type == "RSA" && info.key_bits < kMinimumRsaBits;
}

bool is_weak_digest(std::string_view digest) {
  std::string name;
  for (char c : digest) {
    if (c != '-' && c != '_') name += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return name == "MD5" || name == "SHA1" || name == "MD2" || name == "MD4";
}

std::string signing_certificate_problem(const CertificateInfo& info) {
  if (!info.digital_signature) return "its key usage does not include digitalSignature";
  if (!allows_profile_signing_usage(info)) {
    return fmt::format("its extended key usage ({}) does not allow signing profiles", usage_list(info));
  }
  if (is_weak_signing_key(info)) return fmt::format("it has {} (under {} bits)", weak_key_text(info), kMinimumRsaBits);
  return {};
}

std::int64_t now_from_environment(const char* value, std::string& error) {
  if (value == nullptr || *value == '\0') return static_cast<std::int64_t>(std::time(nullptr));
  const std::string_view text(value);
  std::int64_t seconds = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec == std::errc() && end == text.data() + text.size()) return seconds;
  std::tm tm{};
  const char* parsed = strptime(value, "%Y-%m-%dT%H:%M:%SZ", &tm);
  if (parsed != nullptr && *parsed == '\0') return static_cast<std::int64_t>(timegm(&tm));
  error = fmt::format("PROFILEC_NOW='{}' is neither seconds since the epoch nor a date like 2027-01-31T00:00:00Z",
                      text);
  return 0;
}

void check_certificate(const CertificateInfo& info, CertificateRole role, std::string_view what,
                       const ExpiryPolicy& expiry, const SourceSpan& span, Diagnostics& diagnostics) {
  if (info.not_after < expiry.now) {
    diagnostics.report(DiagnosticCode::PC5001, span,
                       fmt::format("the {} expired on {} ({})", what, format_time(info.not_after), describe(info)),
                       std::string(renew_help(role)));
  } else if (info.not_before > expiry.now) {
    diagnostics.report(DiagnosticCode::PC5002, span,
                       fmt::format("the {} is not valid before {} ({})", what, format_time(info.not_before),
                                   describe(info)),
                       "check the clock of the machine that issued it, or wait until it is valid");
  } else if (info.not_after - expiry.now < static_cast<std::int64_t>(expiry.warning_days) * kDay) {
    const std::int64_t days = (info.not_after - expiry.now) / kDay;
    diagnostics.report(DiagnosticCode::PC5003, span,
                       fmt::format("the {} expires on {}, in {} day{} ({})", what, format_time(info.not_after), days,
                                   days == 1 ? "" : "s", describe(info)),
                       std::string(renew_help(role)));
  }
  if (role != CertificateRole::kSigning) return;
  if (!info.digital_signature) {
    diagnostics.report(DiagnosticCode::PC5004, span,
                       fmt::format("the {} has a key usage without digitalSignature ({})", what, describe(info)),
                       "use a certificate issued for signing (key usage digitalSignature)");
  }
  if (!allows_profile_signing_usage(info)) {
    diagnostics.report(DiagnosticCode::PC5011, span,
                       fmt::format("the {} has an extended key usage that does not allow signing profiles ({}; {})",
                                   what, usage_list(info), describe(info)),
                       "use a certificate whose extended key usage is absent or includes codeSigning, "
                       "emailProtection, serverAuth, clientAuth or anyExtendedKeyUsage");
  }
  if (is_weak_signing_key(info)) {
    diagnostics.report(DiagnosticCode::PC5005, span, fmt::format("the {} has {}", what, weak_key_text(info)),
                       fmt::format("use an RSA key of {} bits or more, or an ECDSA P-256 key", kMinimumRsaBits));
  }
  if (is_weak_digest(info.signature_digest)) {
    diagnostics.report(DiagnosticCode::PC5006, span,
                       fmt::format("the {} is signed with {}", what, info.signature_digest),
                       "have it reissued with SHA-256");
  }
}

}  // namespace profilec::cert
