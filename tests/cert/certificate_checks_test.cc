// PC5001-PC5008 on certificates made for each case.
#include <gtest/gtest.h>

#include "cert/certificate_checks.h"
#include "cert/payload_certificates.h"
#include "support/pipeline.h"
#include "support/test_certificates.h"

namespace profilec::cert {
namespace {

using testing::kTestNow;
using testing::make_test_identity;
using testing::TestCertificateSpec;

constexpr std::int64_t kDay = 86400;

std::vector<std::string> ids(const Diagnostics& diagnostics) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diagnostics.all()) out.emplace_back(profilec::info(d.code).id);
  return out;
}

std::vector<std::string> codes_of(const TestCertificateSpec& spec, CertificateRole role, int warning_days = 30) {
  auto cert = read_certificate(make_test_identity(spec).certificate_pem);
  EXPECT_TRUE(cert.has_value());
  Diagnostics diagnostics;
  check_certificate(*cert, role, "signing certificate", ExpiryPolicy{kTestNow, warning_days}, {}, diagnostics);
  return ids(diagnostics);
}

using Codes = std::vector<std::string>;

TEST(CertificateChecks, AGoodSigningCertificateHasNoFindings) {
  EXPECT_EQ(codes_of({}, CertificateRole::kSigning), Codes{});
}

TEST(CertificateChecks, ValidityDates) {
  TestCertificateSpec expired;
  expired.not_before = kTestNow - 400 * kDay;
  expired.not_after = kTestNow - 1;
  EXPECT_EQ(codes_of(expired, CertificateRole::kSigning), Codes{"PC5001"});
  TestCertificateSpec future;
  future.not_before = kTestNow + kDay;
  EXPECT_EQ(codes_of(future, CertificateRole::kPush), Codes{"PC5002"});
  TestCertificateSpec soon;
  soon.not_after = kTestNow + 29 * kDay;
  EXPECT_EQ(codes_of(soon, CertificateRole::kPayload), Codes{"PC5003"});
  soon.not_after = kTestNow + 31 * kDay;
  EXPECT_EQ(codes_of(soon, CertificateRole::kPayload), Codes{});
  EXPECT_EQ(codes_of(soon, CertificateRole::kPayload, 60), Codes{"PC5003"});
}

TEST(CertificateChecks, SigningCertificatesNeedDigitalSignatureAStrongKeyAndDigest) {
  TestCertificateSpec usage;
  usage.key_usage_digital_signature = false;
  EXPECT_EQ(codes_of(usage, CertificateRole::kSigning), Codes{"PC5004"});
  TestCertificateSpec no_extension;
  no_extension.key_usage_extension = false;  // no key usage: any use is allowed
  EXPECT_EQ(codes_of(no_extension, CertificateRole::kSigning), Codes{});
  TestCertificateSpec weak;
  weak.key_type = "RSA";
  weak.rsa_bits = 1024;
  EXPECT_EQ(codes_of(weak, CertificateRole::kSigning), Codes{"PC5005"});
  TestCertificateSpec sha1;
  sha1.digest = "SHA1";
  EXPECT_EQ(codes_of(sha1, CertificateRole::kSigning), Codes{"PC5006"});
  // Payload certificates are trust anchors: their own key and digest are
  // not what these rules are about.
  EXPECT_EQ(codes_of(sha1, CertificateRole::kPayload), Codes{});
}

TEST(CertificateChecks, TheExtendedKeyUsageMustAllowSigningProfiles) {
  // Accepted: no extension, and each purpose of kProfileSigningUsages.
  EXPECT_EQ(codes_of({}, CertificateRole::kSigning), Codes{});
  for (std::string_view usage : kProfileSigningUsages) {
    TestCertificateSpec spec;
    spec.extended_key_usage = std::string(usage);
    EXPECT_EQ(codes_of(spec, CertificateRole::kSigning), Codes{}) << usage;
  }
  TestCertificateSpec mixed;  // one allowed purpose among others is enough
  mixed.extended_key_usage = "timeStamping,codeSigning";
  EXPECT_EQ(codes_of(mixed, CertificateRole::kSigning), Codes{});
  for (const char* usage : {"timeStamping", "OCSPSigning", "critical,timeStamping,OCSPSigning"}) {
    TestCertificateSpec spec;
    spec.extended_key_usage = usage;
    EXPECT_EQ(codes_of(spec, CertificateRole::kSigning), Codes{"PC5011"}) << usage;
    EXPECT_EQ(codes_of(spec, CertificateRole::kPayload), Codes{}) << usage;  // only signing certificates
  }
}

TEST(CertificateChecks, TheRsaThresholdIs2048BitsOnBothSides) {
  for (int bits : {1024, 2047, 2048}) {
    TestCertificateSpec spec;
    spec.key_type = "RSA";
    spec.rsa_bits = bits;
    EXPECT_EQ(codes_of(spec, CertificateRole::kSigning), bits < 2048 ? Codes{"PC5005"} : Codes{}) << bits;
  }
}

ir::Profile profile_with(const std::string& type, ir::Value content_value) {
  ir::Profile profile;
  ir::Payload payload;
  payload.name = "root";
  payload.type = type;
  payload.content = ir::make_dict({{"PayloadContent", {}, std::move(content_value)}});
  profile.payloads.push_back(std::move(payload));
  return profile;
}

TEST(PayloadCertificates, ExpiredUnreadableAndPemCertificates) {
  TestCertificateSpec expired;
  expired.not_after = kTestNow - kDay;
  const auto id = make_test_identity(expired);
  Diagnostics d1;
  check_payload_certificates(profile_with("com.apple.security.root", ir::make_data(id.certificate_der)),
                             ExpiryPolicy{kTestNow, 30}, d1);
  EXPECT_EQ(ids(d1), Codes{"PC5001"});
  EXPECT_NE(d1.all()[0].message.find("certificate in payload 'root'"), std::string::npos) << d1.all()[0].message;
  Diagnostics d2;
  check_payload_certificates(profile_with("com.apple.security.pem", ir::make_data(id.certificate_pem)),
                             ExpiryPolicy{kTestNow, 30}, d2);
  EXPECT_EQ(ids(d2), Codes{"PC5001"});
  Diagnostics d3;
  check_payload_certificates(profile_with("com.apple.security.pkcs1", ir::make_data("not a certificate")),
                             ExpiryPolicy{kTestNow, 30}, d3);
  EXPECT_EQ(ids(d3), Codes{"PC5008"});
  Diagnostics d4;  // without a clock only readability is checked
  check_payload_certificates(profile_with("com.apple.security.root", ir::make_data(id.certificate_der)),
                             ExpiryPolicy{0, 30}, d4);
  EXPECT_EQ(ids(d4), Codes{});
}

// The findings of check_payload_certificates, as text.
std::vector<std::string> findings_at(const ir::Profile& profile, std::int64_t now) {
  Diagnostics diagnostics;
  check_payload_certificates(profile, ExpiryPolicy{now, 30}, diagnostics);
  std::vector<std::string> out;
  for (const Diagnostic& d : diagnostics.all()) out.push_back(std::string(profilec::info(d.code).id) + d.message);
  return out;
}

TEST(PayloadCertificates, TheClockWindowHoldsTheSameFindings) {
  TestCertificateSpec spec;
  spec.not_before = kTestNow - 10 * kDay;
  spec.not_after = kTestNow + 40 * kDay;
  const ir::Profile profile = profile_with("com.apple.security.root",
                                           ir::make_data(make_test_identity(spec).certificate_der));
  // Every 7 hours from before the certificate is valid to after it expires:
  // the window at each clock holds that clock's findings at every sampled
  // clock inside it, and ends before the findings change.
  std::size_t windows = 0;
  for (std::int64_t now = kTestNow - 20 * kDay; now < kTestNow + 50 * kDay; now += 7 * 3600) {
    const ClockWindow window = payload_certificates_clock_window(profile, ExpiryPolicy{now, 30});
    ASSERT_TRUE(window.contains(now));
    const auto expected = findings_at(profile, now);
    // Before the certificate is valid and after it expired the window is
    // open on that side (the findings stay): only dates near it are sampled.
    for (std::int64_t t : {window.from, window.from / 2 + window.until / 2, window.until - 1}) {
      if (t < kTestNow - 30 * kDay || t > kTestNow + 60 * kDay) continue;
      EXPECT_EQ(findings_at(profile, t), expected) << now << " " << t;
    }
    if (window.until < kTestNow + 60 * kDay && findings_at(profile, window.until) != expected) ++windows;
  }
  // Not valid yet, valid, 30 daily "expires in N days", expired: each change ends a window.
  EXPECT_GE(windows, 30U);
  // Valid and not yet in the warning period: one window from the start of
  // its validity to the first day of the warning (no daily cut, so a kept
  // result holds for those 10 days, not until the next midnight of the
  // certificate's clock).
  for (const std::int64_t now : {kTestNow - 10 * kDay, kTestNow, kTestNow + 10 * kDay}) {
    const ClockWindow valid = payload_certificates_clock_window(profile, ExpiryPolicy{now, 30});
    EXPECT_EQ(valid.from, kTestNow - 10 * kDay) << now;
    EXPECT_EQ(valid.until, kTestNow + 40 * kDay - 30 * kDay + 1) << now;
  }
  // Inside the warning period the days are cut: one day's window.
  const ClockWindow warned = payload_certificates_clock_window(profile, ExpiryPolicy{kTestNow + 20 * kDay, 30});
  EXPECT_EQ(warned.until - warned.from, kDay);
  // No certificate: any clock; no clock: that one only.
  const ClockWindow any = payload_certificates_clock_window(profile_with("com.apple.wifi.managed", ir::make_data("x")),
                                                            ExpiryPolicy{kTestNow, 30});
  EXPECT_EQ(any.from, INT64_MIN);
  EXPECT_EQ(any.until, INT64_MAX);
  const ClockWindow none = payload_certificates_clock_window(profile, ExpiryPolicy{0, 30});
  EXPECT_TRUE(none.contains(0));
  EXPECT_FALSE(none.contains(1));
}

TEST(ApnsTopic, TheMdmTopicMustBeThePushCertificatesUid) {
  TestCertificateSpec push;
  push.user_id = "com.apple.mgmt.External.0b7a7a43-2b6d-4e1e-9d5b-3a3e0c0d4a11";
  auto info = read_certificate(make_test_identity(push).certificate_pem);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->user_id, push.user_id);
  ir::Profile profile;
  ir::Payload mdm;
  mdm.type = "com.apple.mdm";
  mdm.content = ir::make_dict({{"Topic", {}, ir::make_string(push.user_id)}});
  profile.payloads.push_back(mdm);
  Diagnostics same;
  check_apns_topic(profile, *info, {}, same);
  EXPECT_TRUE(same.empty());
  profile.payloads[0].content = ir::make_dict({{"Topic", {}, ir::make_string("com.apple.mgmt.External.other")}});
  Diagnostics other;
  check_apns_topic(profile, *info, {}, other);
  EXPECT_EQ(ids(other), Codes{"PC5007"});
  EXPECT_EQ(other.all()[0].help, "set Topic = \"" + push.user_id + "\"");
}

}  // namespace
}  // namespace profilec::cert
