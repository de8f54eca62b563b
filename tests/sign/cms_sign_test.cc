// Signing and opening signed profiles: round trip, tampering, other keys,
// truncation, identities from PEM and PKCS#12, encryption.
#include <gtest/gtest.h>
#if defined(__linux__)
#include <sys/prctl.h>
#endif
#include <sys/resource.h>

#include "base/core_dumps.h"
#include "sign/cms_open.h"
#include "sign/cms_sign.h"
#include "sign/encrypt_profile.h"
#include "sign/identity.h"
#include "support/pipeline.h"
#include "support/test_certificates.h"

namespace profilec::sign {
namespace {

using testing::kTestNow;
using testing::make_test_identity;
using testing::TestCertificateSpec;
using testing::TestIdentity;

const std::string& kPlist = testing::kTestPlist;

std::string sign_or_die(std::string_view content, const SigningIdentity& identity) {
  auto der = sign_content(content, identity, SignOptions{kTestNow});
  EXPECT_TRUE(der.has_value()) << (der ? "" : der.error());
  return *der;
}

TEST(CmsSign, RoundTripGivesTheExactContentAndTheSigner) {
  for (const char* type : {"EC", "RSA"}) {
    TestCertificateSpec spec;
    spec.key_type = type;
    spec.common_name = std::string("signer ") + type;
    const TestIdentity id = make_test_identity(spec);
    const std::string der = sign_or_die(kPlist, testing::load_test_identity(id));
    ASSERT_TRUE(looks_like_der(der));
    auto opened = open_signed(der);
    ASSERT_TRUE(opened.has_value()) << opened.error();
    EXPECT_EQ(opened->content, kPlist);
    EXPECT_EQ(opened->state, SignatureState::kValid) << opened->problem;
    ASSERT_TRUE(opened->signer.has_value());
    EXPECT_EQ(opened->signer->subject, "CN=signer " + std::string(type));
    EXPECT_EQ(opened->signer->key_type, type);
  }
}

TEST(CmsSign, RsaSignaturesWithAFixedSigningTimeAreReproducible) {
  TestCertificateSpec spec;
  spec.key_type = "RSA";
  const SigningIdentity identity = testing::load_test_identity(make_test_identity(spec));
  EXPECT_EQ(sign_or_die(kPlist, identity), sign_or_die(kPlist, identity));
}

TEST(CmsSign, FlippingAnyByteOfTheContentInvalidatesTheSignature) {
  const std::string der = sign_or_die(kPlist, testing::load_test_identity(make_test_identity({})));
  const std::size_t at = der.find(kPlist);
  ASSERT_NE(at, std::string::npos);
  for (std::size_t i = at; i < at + kPlist.size(); ++i) {
    std::string tampered = der;
    tampered[i] = static_cast<char>(tampered[i] ^ 0x01);
    auto opened = open_signed(tampered);
    ASSERT_TRUE(opened.has_value()) << "byte " << i << ": " << opened.error();
    EXPECT_EQ(opened->state, SignatureState::kInvalid) << "byte " << i;
    EXPECT_NE(opened->problem.find("does not match"), std::string::npos) << opened->problem;
  }
}

TEST(CmsSign, ASignatureByAnotherKeyIsInvalid) {
  TestCertificateSpec spec;
  spec.key_type = "RSA";
  const std::string a = sign_or_die(kPlist, testing::load_test_identity(make_test_identity(spec)));
  const std::string b = sign_or_die(kPlist, testing::load_test_identity(make_test_identity(spec)));
  // The RSA-2048 signature is the last 256 bytes (no unsigned attributes).
  ASSERT_EQ(a.size(), b.size());
  std::string swapped = a.substr(0, a.size() - 256) + b.substr(b.size() - 256);
  auto opened = open_signed(swapped);
  ASSERT_TRUE(opened.has_value()) << opened.error();
  EXPECT_EQ(opened->state, SignatureState::kInvalid);
}

TEST(CmsSign, EveryTruncationIsAnErrorNotACrash) {
  const std::string der = sign_or_die(kPlist, testing::load_test_identity(make_test_identity({})));
  for (std::size_t size = 0; size < der.size(); ++size) {
    auto opened = open_signed(std::string_view(der).substr(0, size));
    EXPECT_FALSE(opened.has_value()) << "size " << size;
  }
  EXPECT_FALSE(open_signed("garbage that is not DER").has_value());
  EXPECT_FALSE(open_signed(der + "x").has_value());
}

TEST(CmsSign, TheChainIsCheckedAgainstACaBundleOnlyWhenOneIsGiven) {
  TestCertificateSpec ca_spec;
  ca_spec.common_name = "Test Root CA";
  const TestIdentity ca = make_test_identity(ca_spec);
  TestCertificateSpec leaf_spec;
  leaf_spec.not_after = kTestNow + 3600;
  const TestIdentity leaf = make_test_identity(leaf_spec, &ca);
  const std::string der = sign_or_die(kPlist, testing::load_test_identity(leaf));
  EXPECT_EQ(open_signed(der)->state, SignatureState::kValid);
  OpenOptions trusted;
  trusted.ca_bundle_pem = ca.certificate_pem;
  trusted.at_time = kTestNow;
  auto ok = open_signed(der, trusted);
  EXPECT_EQ(ok->state, SignatureState::kValid) << ok->problem;
  trusted.at_time = kTestNow + 7200;  // after the signer expired
  auto expired = open_signed(der, trusted);
  EXPECT_EQ(expired->state, SignatureState::kUntrusted);
  EXPECT_NE(expired->problem.find("expired"), std::string::npos) << expired->problem;
  OpenOptions other;
  other.ca_bundle_pem = make_test_identity({}).certificate_pem;
  other.at_time = kTestNow;
  EXPECT_EQ(open_signed(der, other)->state, SignatureState::kUntrusted);
}

// Issue 15 item 4: once key material is loaded, a crash writes no core.
TEST(Identity, LoadingAnIdentityLeavesTheProcessWithoutCoreDumps) {
  for (int kind = 0; kind < 2; ++kind) {
    const TestIdentity id = make_test_identity({});
    // Undo what an earlier load did, as far as a process may: dumpable
    // again (the core limit only ever goes down, so it is checked as 0).
#if defined(__linux__)
    ASSERT_EQ(prctl(PR_SET_DUMPABLE, 1, 0, 0, 0), 0);
    ASSERT_EQ(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 1);
#endif
    const bool loaded =
        kind == 0
            ? load_pem_identity({{"c.pem", id.certificate_pem}, {"k.pem", id.key_pem}, std::nullopt, {}}).has_value()
            : load_pkcs12_identity({"id.p12", id.pkcs12}, std::string("secret")).has_value();
    ASSERT_TRUE(loaded) << kind;
#if defined(__linux__)
    // Not dumpable on the Linux path; the portable path only sets the core
    // limit (base/core_dumps.h), so the process stays dumpable there.
    const int dumpable = default_core_dump_protection() == CoreDumpProtection::kNotDumpable ? 0 : 1;
    EXPECT_EQ(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), dumpable) << kind;
#endif
    struct rlimit core {};
    ASSERT_EQ(getrlimit(RLIMIT_CORE, &core), 0);
    EXPECT_EQ(core.rlim_cur, 0u) << kind;
    EXPECT_EQ(core.rlim_max, 0u) << kind;
  }
}

TEST(Identity, CleanseOverwritesAndEmpties) {
  std::string secret = "p12-password";
  const char* data = secret.data();
  const std::size_t size = secret.size();
  cleanse(secret);
  EXPECT_TRUE(secret.empty());
  // The bytes (inline here: a short string) are zero, not the password.
  EXPECT_EQ(std::string(data, size), std::string(size, '\0'));
}

TEST(Identity, EncryptedKeysNeedTheirPassword) {
  const TestIdentity id = make_test_identity({});
  PemIdentityFiles files{{"c.pem", id.certificate_pem}, {"k.pem", id.key_pem_encrypted}, std::nullopt, {}};
  auto missing = load_pem_identity(files);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().path, "k.pem");
  EXPECT_NE(missing.error().message.find("no password"), std::string::npos) << missing.error().message;
  files.password = "wrong";
  auto wrong = load_pem_identity(files);
  ASSERT_FALSE(wrong.has_value());
  EXPECT_NE(wrong.error().message.find("wrong password"), std::string::npos) << wrong.error().message;
  files.password = "secret";
  EXPECT_TRUE(load_pem_identity(files).has_value());
}

TEST(Identity, AKeyThatDoesNotMatchTheCertificateIsRefused) {
  const TestIdentity a = make_test_identity({});
  const TestIdentity b = make_test_identity({});
  auto identity = load_pem_identity({{"a.pem", a.certificate_pem}, {"b.key", b.key_pem}, std::nullopt, {}});
  ASSERT_FALSE(identity.has_value());
  EXPECT_EQ(identity.error().path, "b.key");
  EXPECT_EQ(identity.error().message, "the private key does not match the certificate in 'a.pem'");
}

TEST(Identity, GarbageFilesAreNamed) {
  const TestIdentity a = make_test_identity({});
  auto bad_cert = load_pem_identity({{"c.pem", "nonsense"}, {"k.pem", a.key_pem}, std::nullopt, {}});
  ASSERT_FALSE(bad_cert.has_value());
  EXPECT_EQ(bad_cert.error().path, "c.pem");
  auto bad_chain = load_pem_identity(
      {{"c.pem", a.certificate_pem}, {"k.pem", a.key_pem}, NamedBytes{"chain.pem", "-----BEGIN nothing"}, {}});
  ASSERT_FALSE(bad_chain.has_value());
  EXPECT_EQ(bad_chain.error().path, "chain.pem");
}

TEST(Identity, Pkcs12WithRightAndWrongPassword) {
  const TestIdentity id = make_test_identity({});
  auto ok = load_pkcs12_identity({"id.p12", id.pkcs12}, "secret");
  ASSERT_TRUE(ok.has_value()) << ok.error().message;
  EXPECT_EQ(ok->certificate().subject, "CN=profilec test signer");
  auto wrong = load_pkcs12_identity({"id.p12", id.pkcs12}, "nope");
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().message, "wrong password for the PKCS#12 file (its integrity check fails)");
  EXPECT_FALSE(load_pkcs12_identity({"id.p12", id.pkcs12.substr(0, 40)}, "secret").has_value());
}

TEST(Identity, Pkcs12WithNoPasswordGivenSaysItNeedsOneAndNamesTheOptions) {
  const TestIdentity id = make_test_identity({});
  auto none = load_pkcs12_identity({"id.p12", id.pkcs12}, std::nullopt);
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error().path, "id.p12");
  EXPECT_EQ(none.error().message,
            "the PKCS#12 file needs a password and none was given (--key-password-file or --key-password-env)");
  // An empty password that was given is a wrong password like any other.
  auto empty = load_pkcs12_identity({"id.p12", id.pkcs12}, std::string());
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().message, "wrong password for the PKCS#12 file (its integrity check fails)");
}

TEST(Encryption, PayloadContentRoundTripsThroughTheDeviceIdentity) {
  TestCertificateSpec spec;
  spec.key_type = "RSA";
  const TestIdentity device = make_test_identity(spec);
  ir::Value profile = ir::make_dict({{"PayloadIdentifier", {}, ir::make_string("com.example.p")},
                                     {"PayloadContent", {}, ir::make_array({ir::make_dict({})})}});
  auto encrypted = encrypt_payload_content(profile, device.certificate_pem);
  ASSERT_TRUE(encrypted.has_value()) << encrypted.error();
  EXPECT_EQ(encrypted->find("PayloadContent"), nullptr);
  ASSERT_NE(encrypted->find("IsEncrypted"), nullptr);
  EXPECT_TRUE(encrypted->find("IsEncrypted")->boolean());
  const ir::Value* blob = encrypted->find("EncryptedPayloadContent");
  ASSERT_NE(blob, nullptr);
  auto plain = decrypt_payload_content(blob->data().bytes, testing::load_test_identity(device));
  ASSERT_TRUE(plain.has_value()) << plain.error();
  EXPECT_NE(plain->find("<array>\n\t<dict/>\n</array>"), std::string::npos) << *plain;
  auto other = decrypt_payload_content(blob->data().bytes, testing::load_test_identity(make_test_identity(spec)));
  EXPECT_FALSE(other.has_value());
}

}  // namespace
}  // namespace profilec::sign
