// Profile encryption: the cipher of the EnvelopedData (AES-256-CBC, read
// back from the DER with OpenSSL), and both kinds of device key: RSA (key
// transport) and EC P-256 (key agreement).
#include "sign/encrypt_profile.h"

#include <gtest/gtest.h>
#include <openssl/asn1.h>
#include <openssl/cms.h>
#include <openssl/objects.h>

#include <memory>

#include "support/test_certificates.h"

namespace profilec::sign {
namespace {

using testing::make_test_identity;
using testing::TestCertificateSpec;
using testing::TestIdentity;

ir::Value small_profile() {
  return ir::make_dict({{"PayloadIdentifier", {}, ir::make_string("com.example.p")},
                        {"PayloadContent", {}, ir::make_array({ir::make_dict({})})}});
}

TestIdentity device_identity(const std::string& key_type) {
  TestCertificateSpec spec;
  spec.key_type = key_type;
  return make_test_identity(spec);
}

// The EncryptedPayloadContent bytes of `profile` encrypted for `device`.
std::string enveloped_der(const TestIdentity& device) {
  auto encrypted = encrypt_payload_content(small_profile(), device.certificate_pem);
  EXPECT_TRUE(encrypted.has_value()) << (encrypted ? "" : encrypted.error());
  if (!encrypted) return {};
  const ir::Value* blob = encrypted->find("EncryptedPayloadContent");
  EXPECT_NE(blob, nullptr);
  return blob ? blob->data().bytes : std::string();
}

// One DER element: its tag, class and contents; `at` moves past it (or into
// it, with enter()).
struct DerElement {
  int tag = -1;
  int klass = -1;
  const unsigned char* contents = nullptr;
  long length = 0;
};

DerElement read_header(const unsigned char*& at, const unsigned char* end) {
  DerElement element;
  const int flags = ASN1_get_object(&at, &element.length, &element.tag, &element.klass, end - at);
  if ((flags & 0x80) != 0) return DerElement{};
  element.contents = at;
  return element;
}
DerElement skip(const unsigned char*& at, const unsigned char* end) {
  DerElement element = read_header(at, end);
  if (element.contents != nullptr) at += element.length;
  return element;
}

// The NID of EncryptedContentInfo.contentEncryptionAlgorithm (RFC 5652
// 6.1): ContentInfo { contentType, [0] EnvelopedData { version,
// [0] originatorInfo OPTIONAL, recipientInfos, EncryptedContentInfo {
// contentType, contentEncryptionAlgorithm { algorithm, parameters }, ... } } }.
// NID_undef when the DER is not shaped so; `iv_length` gets the length of
// the parameters' OCTET STRING (the CBC initialisation vector).
int content_encryption_nid(const std::string& der, long& iv_length) {
  const auto* at = reinterpret_cast<const unsigned char*>(der.data());
  const unsigned char* const end = at + der.size();
  if (read_header(at, end).tag != V_ASN1_SEQUENCE) return NID_undef;  // ContentInfo
  const unsigned char* oid = at;
  if (skip(at, end).tag != V_ASN1_OBJECT) return NID_undef;
  std::unique_ptr<ASN1_OBJECT, decltype(&ASN1_OBJECT_free)> type(d2i_ASN1_OBJECT(nullptr, &oid, at - oid),
                                                                 ASN1_OBJECT_free);
  if (!type || OBJ_obj2nid(type.get()) != NID_pkcs7_enveloped) return NID_undef;
  const DerElement content = read_header(at, end);
  if (content.klass != V_ASN1_CONTEXT_SPECIFIC || content.tag != 0) return NID_undef;
  if (read_header(at, end).tag != V_ASN1_SEQUENCE) return NID_undef;  // EnvelopedData
  if (skip(at, end).tag != V_ASN1_INTEGER) return NID_undef;          // version
  DerElement next = skip(at, end);
  if (next.klass == V_ASN1_CONTEXT_SPECIFIC && next.tag == 0) next = skip(at, end);  // originatorInfo
  if (next.tag != V_ASN1_SET) return NID_undef;                                      // recipientInfos
  if (read_header(at, end).tag != V_ASN1_SEQUENCE) return NID_undef;                 // EncryptedContentInfo
  if (skip(at, end).tag != V_ASN1_OBJECT) return NID_undef;                          // its contentType
  if (read_header(at, end).tag != V_ASN1_SEQUENCE) return NID_undef;                 // AlgorithmIdentifier
  oid = at;
  if (skip(at, end).tag != V_ASN1_OBJECT) return NID_undef;
  std::unique_ptr<ASN1_OBJECT, decltype(&ASN1_OBJECT_free)> algorithm(d2i_ASN1_OBJECT(nullptr, &oid, at - oid),
                                                                      ASN1_OBJECT_free);
  const DerElement iv = skip(at, end);
  iv_length = iv.tag == V_ASN1_OCTET_STRING ? iv.length : -1;
  return algorithm ? OBJ_obj2nid(algorithm.get()) : NID_undef;
}

// The type of each RecipientInfo (CMS_RECIPINFO_TRANS, CMS_RECIPINFO_AGREE, ...).
std::vector<int> recipient_types(const std::string& der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  std::unique_ptr<CMS_ContentInfo, decltype(&CMS_ContentInfo_free)> cms(
      d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der.size())), CMS_ContentInfo_free);
  std::vector<int> out;
  if (!cms) return out;
  STACK_OF(CMS_RecipientInfo)* infos = CMS_get0_RecipientInfos(cms.get());
  for (int i = 0; infos != nullptr && i < sk_CMS_RecipientInfo_num(infos); ++i) {
    out.push_back(CMS_RecipientInfo_type(sk_CMS_RecipientInfo_value(infos, i)));
  }
  return out;
}

TEST(Encryption, TheContentIsEncryptedWithAes256Cbc) {
  for (const std::string key_type : {"RSA", "EC"}) {
    const std::string der = enveloped_der(device_identity(key_type));
    long iv_length = 0;
    EXPECT_EQ(content_encryption_nid(der, iv_length), NID_aes_256_cbc) << key_type;
    EXPECT_EQ(iv_length, 16) << key_type;
  }
}

TEST(Encryption, AnRsaDeviceKeyGetsKeyTransport) {
  EXPECT_EQ(recipient_types(enveloped_der(device_identity("RSA"))), std::vector<int>{CMS_RECIPINFO_TRANS});
}

TEST(Encryption, AnEcP256DeviceKeyGetsKeyAgreementAndRoundTrips) {
  const TestIdentity device = device_identity("EC");
  const std::string der = enveloped_der(device);
  EXPECT_EQ(recipient_types(der), std::vector<int>{CMS_RECIPINFO_AGREE});
  auto plain = decrypt_payload_content(der, testing::load_test_identity(device));
  ASSERT_TRUE(plain.has_value()) << plain.error();
  EXPECT_NE(plain->find("<array>\n\t<dict/>\n</array>"), std::string::npos) << *plain;
  // Another EC key, or an RSA one, cannot open it.
  EXPECT_FALSE(decrypt_payload_content(der, testing::load_test_identity(device_identity("EC"))).has_value());
  EXPECT_FALSE(decrypt_payload_content(der, testing::load_test_identity(device_identity("RSA"))).has_value());
}

}  // namespace
}  // namespace profilec::sign
