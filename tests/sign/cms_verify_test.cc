// What open_signed() proves about a signature (issue 15, items 7 and 8):
// a look-alike CA, weak digests and keys, the content type, and the one
// definition of a certificate that may sign profiles, shared with `sign`.
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include "cert/certificate_checks.h"
#include "cert/openssl_ptr.h"
#include "sign/cms_open.h"
#include "sign/cms_sign.h"
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

std::string sign_with_profilec(const TestIdentity& id, const TestIdentity* ca = nullptr) {
  auto der = sign_content(kPlist, testing::load_test_identity(id, ca), SignOptions{kTestNow});
  EXPECT_TRUE(der.has_value()) << (der ? "" : der.error());
  return *der;
}

// How a CMS signature other than profilec's is made: another digest, an
// extra signed content-type attribute, another encapsulated content type.
struct Crafted {
  const EVP_MD* digest = EVP_sha256();
  int encapsulated_type = NID_undef;        // set: signed as this eContentType instead of id-data
  int encapsulated_type_after = NID_undef;  // set: the eContentType changed to this once signed
};

std::string sign_crafted(const TestIdentity& id, const Crafted& how) {
  cert::BioPtr cb = cert::memory_bio(id.certificate_pem);
  cert::X509Ptr certificate(PEM_read_bio_X509(cb.get(), nullptr, nullptr, nullptr));
  cert::BioPtr kb = cert::memory_bio(id.key_pem);
  cert::PkeyPtr key(PEM_read_bio_PrivateKey(kb.get(), nullptr, nullptr, nullptr));
  constexpr unsigned kFlags = CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP;
  cert::CmsPtr cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, kFlags));
  EXPECT_TRUE(cms);
  if (how.encapsulated_type != NID_undef) {
    EXPECT_EQ(CMS_set1_eContentType(cms.get(), OBJ_nid2obj(how.encapsulated_type)), 1);
  }
  CMS_SignerInfo* signer = CMS_add1_signer(cms.get(), certificate.get(), key.get(), how.digest, kFlags);
  EXPECT_NE(signer, nullptr);
  cert::BioPtr in = cert::memory_bio(kPlist);
  EXPECT_EQ(CMS_final(cms.get(), in.get(), nullptr, CMS_BINARY), 1);
  if (how.encapsulated_type_after != NID_undef) {
    // The encapsulated content type is not signed itself; only the signed
    // content-type attribute, made above from the type at signing, covers it.
    EXPECT_EQ(CMS_set1_eContentType(cms.get(), OBJ_nid2obj(how.encapsulated_type_after)), 1);
  }
  cert::BioPtr out(BIO_new(BIO_s_mem()));
  EXPECT_EQ(i2d_CMS_bio(out.get(), cms.get()), 1);
  return cert::bio_contents(out.get());
}

SignedContent open_or_die(const std::string& der, const std::string& ca_pem = {}) {
  OpenOptions options;
  options.ca_bundle_pem = ca_pem;
  options.at_time = kTestNow;
  auto opened = open_signed(der, options);
  EXPECT_TRUE(opened.has_value()) << (opened ? "" : opened.error());
  return opened ? *opened : SignedContent{};
}

TestIdentity make_ca(const std::string& name) {
  TestCertificateSpec spec;
  spec.common_name = name;
  return make_test_identity(spec);
}

TestIdentity make_leaf(const TestIdentity& ca, TestCertificateSpec spec = {}) {
  if (spec.common_name == TestCertificateSpec{}.common_name) spec.common_name = "Acme Profile Signing";
  return make_test_identity(spec, &ca);
}

TEST(CmsVerify, ALookAlikeCaWithTheRealNamesIsIntactButOnlyTheRealCaMakesItTrusted) {
  const TestIdentity real_ca = make_ca("Acme Root CA");
  const TestIdentity attacker_ca = make_ca("Acme Root CA");  // the same names, another key
  const std::string forged = sign_with_profilec(make_leaf(attacker_ca), &attacker_ca);
  const std::string genuine = sign_with_profilec(make_leaf(real_ca), &real_ca);

  // Without a CA bundle both are merely intact: nothing says who signed.
  for (const std::string* der : {&forged, &genuine}) {
    SignedContent opened = open_or_die(*der);
    EXPECT_EQ(opened.state, SignatureState::kValid) << opened.problem;
    EXPECT_FALSE(opened.chain_checked);
    EXPECT_EQ(opened.signer->subject, "CN=Acme Profile Signing");
    EXPECT_EQ(opened.signer->issuer, "CN=Acme Root CA");
  }
  SignedContent attacker = open_or_die(forged, real_ca.certificate_pem);
  EXPECT_EQ(attacker.state, SignatureState::kUntrusted);
  EXPECT_FALSE(attacker.chain_checked);
  SignedContent real = open_or_die(genuine, real_ca.certificate_pem);
  EXPECT_EQ(real.state, SignatureState::kValid) << real.problem;
  EXPECT_TRUE(real.chain_checked);
  EXPECT_EQ(real.weakness, "");
}

TEST(CmsVerify, TheSignersOwnCertificateInTheBundlePinsIt) {
  const TestIdentity ca = make_ca("Pinned Root");
  const TestIdentity leaf = make_leaf(ca);
  const std::string der = sign_with_profilec(leaf, &ca);
  SignedContent pinned = open_or_die(der, leaf.certificate_pem);  // the leaf alone, not its CA
  EXPECT_EQ(pinned.state, SignatureState::kValid) << pinned.problem;
  EXPECT_TRUE(pinned.chain_checked);
  EXPECT_EQ(open_or_die(der, make_leaf(ca).certificate_pem).state, SignatureState::kUntrusted);
}

TEST(CmsVerify, Sha256IsStrongSha1AndMd5AreWeakEvenWithTheChainChecked) {
  TestCertificateSpec spec;
  spec.key_type = "RSA";
  const TestIdentity id = make_test_identity(spec);
  SignedContent sha256 = open_or_die(sign_crafted(id, {EVP_sha256()}), id.certificate_pem);
  EXPECT_EQ(sha256.state, SignatureState::kValid) << sha256.problem;
  EXPECT_EQ(sha256.digest, "SHA256");
  EXPECT_EQ(sha256.weakness, "");
  for (const auto& [md, name] : {std::pair{EVP_sha1(), "SHA1"}, std::pair{EVP_md5(), "MD5"}}) {
    SignedContent weak = open_or_die(sign_crafted(id, {md}), id.certificate_pem);
    EXPECT_EQ(weak.state, SignatureState::kValid) << name << ": " << weak.problem;  // it does match
    EXPECT_TRUE(weak.chain_checked) << name;
    EXPECT_EQ(weak.digest, name);
    EXPECT_NE(weak.weakness.find(std::string("uses ") + name), std::string::npos) << weak.weakness;
  }
  // profilec's own signatures are SHA-256.
  EXPECT_EQ(open_or_die(sign_with_profilec(id)).digest, "SHA256");
}

TEST(CmsVerify, A1024BitSignerIsWeakA2048BitOneIsNot) {
  for (int bits : {1024, 2047, 2048, 3072}) {
    TestCertificateSpec spec;
    spec.key_type = "RSA";
    spec.rsa_bits = bits;
    const TestIdentity id = make_test_identity(spec);
    SignedContent opened = open_or_die(sign_crafted(id, {}), id.certificate_pem);
    EXPECT_EQ(opened.state, SignatureState::kValid) << bits << ": " << opened.problem;
    if (bits < 2048) {
      EXPECT_NE(opened.weakness.find(fmt::format("a {}-bit RSA key", bits)), std::string::npos) << opened.weakness;
    } else {
      EXPECT_EQ(opened.weakness, "") << bits;
    }
  }
}

TEST(CmsVerify, AContentTypeAttributeThatIsNotTheContentsTypeIsInvalid) {
  const TestIdentity id = make_test_identity({});
  // The control: set back to the type it was signed as.
  SignedContent same = open_or_die(sign_crafted(id, {EVP_sha256(), NID_undef, NID_pkcs7_data}));
  EXPECT_EQ(same.state, SignatureState::kValid) << same.problem;
  // Signed as a time-stamp token, relabelled as data: the signature still
  // matches (OpenSSL's CMS_verify accepts it), the labels disagree.
  SignedContent altered = open_or_die(sign_crafted(id, {EVP_sha256(), NID_id_smime_ct_TSTInfo, NID_pkcs7_data}));
  EXPECT_EQ(altered.state, SignatureState::kInvalid);
  EXPECT_EQ(altered.problem,
            "the signed content-type attribute (id-smime-ct-TSTInfo) is not the content's type "
            "(pkcs7-data)");
  EXPECT_EQ(altered.content, kPlist);  // still readable, as for any invalid signature
}

TEST(CmsVerify, AnEncapsulatedContentTypeOtherThanDataIsInvalid) {
  const TestIdentity id = make_test_identity({});
  SignedContent other = open_or_die(sign_crafted(id, {EVP_sha256(), NID_undef, NID_id_smime_ct_TSTInfo}));
  EXPECT_EQ(other.state, SignatureState::kInvalid);
  EXPECT_NE(other.problem.find("not id-data"), std::string::npos) << other.problem;
}

TEST(CmsVerify, ACodeSigningCertificateThatSignAcceptsVerifiesAgainstItsCa) {
  const TestIdentity ca = make_ca("Code Signing Root");
  for (const char* usage :
       {"codeSigning", "critical,codeSigning", "serverAuth", "emailProtection", "anyExtendedKeyUsage"}) {
    TestCertificateSpec spec;
    spec.extended_key_usage = usage;
    const TestIdentity leaf = make_leaf(ca, spec);
    const SigningIdentity identity = testing::load_test_identity(leaf, &ca);
    // `sign` accepts it (no PC5004/PC5005/PC5011) ...
    EXPECT_EQ(cert::signing_certificate_problem(identity.certificate()), "") << usage;
    // ... and `verify --ca` calls what it signed valid.
    SignedContent opened = open_or_die(sign_with_profilec(leaf, &ca), ca.certificate_pem);
    EXPECT_EQ(opened.state, SignatureState::kValid) << usage << ": " << opened.problem;
    EXPECT_TRUE(opened.chain_checked) << usage;
    EXPECT_EQ(opened.weakness, "") << usage;
  }
}

TEST(CmsVerify, ACertificateForAnotherPurposeMayNotSignProfiles) {
  const TestIdentity ca = make_ca("Time Stamping Root");
  TestCertificateSpec spec;
  spec.extended_key_usage = "critical,timeStamping";
  const TestIdentity leaf = make_leaf(ca, spec);
  EXPECT_EQ(cert::signing_certificate_problem(testing::load_test_identity(leaf, &ca).certificate()),
            "its extended key usage (timeStamping) does not allow signing profiles");
  SignedContent opened = open_or_die(sign_crafted(leaf, {}), ca.certificate_pem);
  EXPECT_EQ(opened.state, SignatureState::kValid) << opened.problem;
  EXPECT_NE(opened.weakness.find("may not sign profiles"), std::string::npos) << opened.weakness;
}

TEST(SigningCertificate, WeakDigestsInEveryOpensslSpelling) {
  for (const char* weak : {"MD5", "md5", "SHA1", "sha1", "SHA-1"}) EXPECT_TRUE(cert::is_weak_digest(weak)) << weak;
  for (const char* strong : {"SHA256", "sha256", "SHA384", "SHA512", "SHA3-256", ""}) {
    EXPECT_FALSE(cert::is_weak_digest(strong)) << strong;
  }
}

}  // namespace
}  // namespace profilec::sign
