#include "support/test_certificates.h"

#include <openssl/ec.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>

#include <optional>
#include <stdexcept>

#include "cert/openssl_ptr.h"
#include "support/pipeline.h"

namespace profilec::testing {
namespace {

using cert::BioPtr;

cert::PkeyPtr make_key(const TestCertificateSpec& spec) {
  EVP_PKEY* key = spec.key_type == "RSA"
                      ? EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(spec.rsa_bits))
                      : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  if (key == nullptr) throw std::runtime_error("key generation failed");
  return cert::PkeyPtr(key);
}

std::string bio_text(BIO* bio) { return cert::bio_contents(bio); }

void add_extension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (ext == nullptr) throw std::runtime_error("extension failed");
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

}  // namespace

TestIdentity make_test_identity(const TestCertificateSpec& spec, const TestIdentity* issuer) {
  cert::PkeyPtr key = make_key(spec);
  cert::X509Ptr x509(X509_new());
  X509_set_version(x509.get(), 2);
  static long serial = 1000;
  ASN1_INTEGER_set(X509_get_serialNumber(x509.get()), ++serial);
  const std::int64_t year = 365LL * 24 * 3600;
  ASN1_TIME_set(X509_getm_notBefore(x509.get()),
                static_cast<time_t>(spec.not_before ? spec.not_before : kTestNow - year));
  ASN1_TIME_set(X509_getm_notAfter(x509.get()),
                static_cast<time_t>(spec.not_after ? spec.not_after : kTestNow + 10 * year));
  X509_set_pubkey(x509.get(), key.get());
  X509_NAME* name = X509_get_subject_name(x509.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(spec.common_name.c_str()), -1, -1, 0);
  if (!spec.user_id.empty()) {
    X509_NAME_add_entry_by_NID(name, NID_userId, MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(spec.user_id.c_str()), -1, -1, 0);
  }
  cert::X509Ptr issuer_cert;
  cert::PkeyPtr issuer_key;
  if (issuer != nullptr) {
    BioPtr cb = cert::memory_bio(issuer->certificate_pem);
    issuer_cert.reset(PEM_read_bio_X509(cb.get(), nullptr, nullptr, nullptr));
    BioPtr kb = cert::memory_bio(issuer->key_pem);
    issuer_key.reset(PEM_read_bio_PrivateKey(kb.get(), nullptr, nullptr, nullptr));
    X509_set_issuer_name(x509.get(), X509_get_subject_name(issuer_cert.get()));
  } else {
    X509_set_issuer_name(x509.get(), name);
  }
  X509* signer_cert = issuer != nullptr ? issuer_cert.get() : x509.get();
  if (spec.key_usage_extension) {
    add_extension(x509.get(), signer_cert, NID_key_usage,
                  spec.key_usage_digital_signature ? "critical,digitalSignature,keyEncipherment,keyCertSign"
                                                   : "critical,keyEncipherment");
  }
  if (!spec.extended_key_usage.empty()) {
    add_extension(x509.get(), signer_cert, NID_ext_key_usage, spec.extended_key_usage.c_str());
  }
  const EVP_MD* md = spec.digest == "SHA1" ? EVP_sha1() : EVP_sha256();
  if (X509_sign(x509.get(), issuer != nullptr ? issuer_key.get() : key.get(), md) == 0) {
    throw std::runtime_error("certificate signing failed");
  }
  TestIdentity out;
  BioPtr pem(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(pem.get(), x509.get());
  out.certificate_pem = bio_text(pem.get());
  BioPtr der(BIO_new(BIO_s_mem()));
  i2d_X509_bio(der.get(), x509.get());
  out.certificate_der = bio_text(der.get());
  BioPtr k(BIO_new(BIO_s_mem()));
  PEM_write_bio_PrivateKey(k.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  out.key_pem = bio_text(k.get());
  BioPtr ke(BIO_new(BIO_s_mem()));
  PEM_write_bio_PKCS8PrivateKey(ke.get(), key.get(), EVP_aes_256_cbc(), "secret", 6, nullptr, nullptr);
  out.key_pem_encrypted = bio_text(ke.get());
  PKCS12* p12 = PKCS12_create("secret", "test", key.get(), x509.get(), nullptr, 0, 0, 0, 0, 0);
  if (p12 == nullptr) throw std::runtime_error("PKCS12_create failed");
  BioPtr pb(BIO_new(BIO_s_mem()));
  i2d_PKCS12_bio(pb.get(), p12);
  PKCS12_free(p12);
  out.pkcs12 = bio_text(pb.get());
  return out;
}

sign::SigningIdentity load_test_identity(const TestIdentity& id, const TestIdentity* ca) {
  std::optional<sign::NamedBytes> chain;
  if (ca != nullptr) chain = sign::NamedBytes{"chain.pem", ca->certificate_pem};
  auto identity = sign::load_pem_identity({{"cert.pem", id.certificate_pem}, {"key.pem", id.key_pem}, chain, {}});
  if (!identity) throw std::runtime_error("test identity does not load: " + identity.error().message);
  return *identity;
}

}  // namespace profilec::testing
