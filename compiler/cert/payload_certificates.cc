#include "cert/payload_certificates.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "cert/certificate_cache.h"

namespace profilec::cert {
namespace {

constexpr std::array<std::string_view, 3> kCertificatePayloads = {"com.apple.security.root", "com.apple.security.pkcs1",
                                                                  "com.apple.security.pem"};

std::string payload_label(const ir::Payload& payload) {
  if (!payload.name.empty()) return fmt::format("certificate in payload '{}'", payload.name);
  const ir::Value* id = payload.content.find("PayloadIdentifier");
  if (id != nullptr && id->is_string()) return fmt::format("certificate in payload '{}'", id->string());
  return fmt::format("certificate in the {} payload", payload.type);
}

}  // namespace

bool ships_certificate(std::string_view type) {
  for (std::string_view t : kCertificatePayloads) {
    if (t == type) return true;
  }
  return false;
}

void check_payload_certificates(const ir::Profile& profile, const ExpiryPolicy& expiry, Diagnostics& diagnostics) {
  for (const ir::Payload& payload : profile.payloads) {
    if (!ships_certificate(payload.type)) continue;
    const ir::Value* content = payload.content.find("PayloadContent");
    // A missing or mistyped PayloadContent is PC1008 / PC1003's to report.
    if (content == nullptr || content->kind() != ir::Value::Kind::kData) continue;
    const SourceSpan& span = content->span.known() ? content->span : payload.span;
    auto info = read_certificate_cached(content->data().bytes);
    if (!info) {
      diagnostics.report(DiagnosticCode::PC5008, span,
                         fmt::format("the {} payload's PayloadContent is not a certificate: {}", payload.type,
                                     info.error()),
                         payload.type == "com.apple.security.pem" ? "give the PEM text of one certificate"
                                                                  : "give the DER bytes of one certificate (.cer)");
      continue;
    }
    if (expiry.now != 0) {
      check_certificate(*info, CertificateRole::kPayload, payload_label(payload), expiry, span, diagnostics);
    }
  }
}

ClockWindow payload_certificates_clock_window(const ir::Profile& profile, const ExpiryPolicy& expiry) {
  const std::int64_t now = expiry.now;
  // Without a clock the dates are not checked; a run with one would. Far
  // outside any real date the arithmetic below could overflow: this second only.
  constexpr std::int64_t kFar = std::int64_t{1} << 60;
  if (now == 0 || now < -kFar || now > kFar || expiry.warning_days < 0 || expiry.warning_days > 1'000'000) {
    return {now, now + 1};
  }
  ClockWindow window;
  // The findings may differ between a clock before `at` and one at or after it.
  const auto cut = [&](std::int64_t at) {
    if (at <= now) window.from = std::max(window.from, at);
    else window.until = std::min(window.until, at);
  };
  constexpr std::int64_t kSecondsPerDay = std::int64_t{24} * 60 * 60;
  for (const ir::Payload& payload : profile.payloads) {
    if (!ships_certificate(payload.type)) continue;
    const ir::Value* content = payload.content.find("PayloadContent");
    if (content == nullptr || content->kind() != ir::Value::Kind::kData) continue;
    auto info = read_certificate_cached(content->data().bytes);
    if (!info) continue;  // PC5008 whatever the date
    if (info->not_after < -kFar || info->not_after > kFar || info->not_before < -kFar || info->not_before > kFar) {
      return {now, now + 1};
    }
    // check_certificate's branches: expired (not_after < now), not yet
    // valid (not_before > now), expiring (not_after - now < warning_days).
    const std::int64_t not_after = info->not_after;
    cut(not_after + 1);
    cut(info->not_before);
    cut(not_after - kSecondsPerDay * expiry.warning_days + 1);
    // "in N days" (N = (not_after - now) / kSecondsPerDay) is said only
    // inside the warning period: before it, the cut above ends the window.
    if (now <= not_after && not_after - now < kSecondsPerDay * expiry.warning_days) {
      const std::int64_t days = (not_after - now) / kSecondsPerDay;
      cut(not_after - (days + 1) * kSecondsPerDay + 1);
      cut(not_after - days * kSecondsPerDay + 1);
    }
  }
  return window;
}

void check_apns_topic(const ir::Profile& profile, const CertificateInfo& push_certificate, const SourceSpan& push_span,
                      Diagnostics& diagnostics) {
  for (const ir::Payload& payload : profile.payloads) {
    if (payload.type != "com.apple.mdm") continue;
    const ir::Value* topic = payload.content.find("Topic");
    // A missing Topic is PC1008's to report.
    if (topic == nullptr || !topic->is_string() || topic->string() == push_certificate.user_id) continue;
    Diagnostic& d = diagnostics.report(
        DiagnosticCode::PC5007, topic->span.known() ? topic->span : payload.span,
        push_certificate.user_id.empty()
            ? fmt::format("Topic '{}' cannot match the APNs push certificate: its subject has no UID (topic)",
                          topic->string())
            : fmt::format("Topic '{}' is not the APNs push certificate's topic '{}'", topic->string(),
                          push_certificate.user_id),
        push_certificate.user_id.empty() ? "give the MDM push certificate Apple issued (its subject UID is the topic)"
                                         : fmt::format("set Topic = \"{}\"", push_certificate.user_id));
    d.notes.push_back({push_span, fmt::format("the push certificate: {}", push_certificate.subject)});
  }
}

}  // namespace profilec::cert
