#include "sign/cms_open.h"

#include <openssl/err.h>
#include <openssl/x509_vfy.h>

#include "cert/openssl_ptr.h"

namespace profilec::sign {
namespace {

using cert::BioPtr;
using cert::CmsPtr;
using cert::take_openssl_error;

cert::StorePtr store_from_pem(const std::string& pem, std::int64_t at_time, std::string& error) {
  cert::X509StackPtr certs = cert::parse_certificates(pem, error);
  if (!certs) {
    error = "the CA bundle: " + error;
    return nullptr;
  }
  cert::StorePtr store(X509_STORE_new());
  for (int i = 0; i < sk_X509_num(certs.get()); ++i) X509_STORE_add_cert(store.get(), sk_X509_value(certs.get(), i));
  if (at_time != 0) X509_VERIFY_PARAM_set_time(X509_STORE_get0_param(store.get()), static_cast<time_t>(at_time));
  return store;
}

// The certificate the (first) SignerInfo names, among those included.
X509* signer_certificate(CMS_ContentInfo* cms, STACK_OF(X509)* certs) {
  STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms);
  if (infos == nullptr || sk_CMS_SignerInfo_num(infos) == 0) return nullptr;
  CMS_SignerInfo* info = sk_CMS_SignerInfo_value(infos, 0);
  for (int i = 0; i < sk_X509_num(certs); ++i) {
    if (CMS_SignerInfo_cert_cmp(info, sk_X509_value(certs, i)) == 0) return sk_X509_value(certs, i);
  }
  return nullptr;
}

}  // namespace

bool looks_like_der(std::string_view bytes) {
  // SEQUENCE, with a long-form length: every SignedData of a real profile
  // is over 127 bytes. A plist starts with '<', "bplist" or a BOM.
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x30 &&
         (static_cast<unsigned char>(bytes[1]) & 0x80) != 0;
}

Expected<SignedContent, std::string> open_signed(std::string_view der, const OpenOptions& options) {
  ERR_clear_error();
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der.size())));
  if (!cms) {
    ERR_clear_error();  // OpenSSL's reasons ("nested asn1 error") say no more than this
    return Unexpected{std::string("not a CMS signed profile: the DER is truncated or malformed")};
  }
  if (p != reinterpret_cast<const unsigned char*>(der.data()) + der.size()) {
    return Unexpected{std::string("not a CMS signed profile: bytes follow the end of the DER structure")};
  }
  const int type = OBJ_obj2nid(CMS_get0_type(cms.get()));
  if (type == NID_pkcs7_enveloped) {
    return Unexpected{std::string("the whole file is CMS-encrypted (EnvelopedData), not signed")};
  }
  if (type != NID_pkcs7_signed) return Unexpected{std::string("a CMS structure that is not SignedData")};
  ASN1_OCTET_STRING** content = CMS_get0_content(cms.get());
  if (content == nullptr || *content == nullptr) {
    return Unexpected{std::string("a detached signature: the file holds no profile, only its signature")};
  }
  SignedContent out;
  out.content.assign(reinterpret_cast<const char*>(ASN1_STRING_get0_data(*content)),
                     static_cast<std::size_t>(ASN1_STRING_length(*content)));
  cert::X509StackPtr certs(CMS_get1_certs(cms.get()));
  if (!certs) certs.reset(sk_X509_new_null());
  X509* signer = signer_certificate(cms.get(), certs.get());
  if (signer != nullptr) out.signer = cert::describe_certificate(signer);
  for (int i = 0; i < sk_X509_num(certs.get()); ++i) {
    if (sk_X509_value(certs.get(), i) != signer) out.chain.push_back(cert::describe_certificate(sk_X509_value(certs.get(), i)));
  }
  if (signer == nullptr) {
    out.problem = "the signer's certificate is not included, so the signature cannot be checked";
    return out;
  }
  // First the signature alone (content digest and the signer's key), so an
  // altered file and an unknown CA are told apart.
  ERR_clear_error();
  if (CMS_verify(cms.get(), nullptr, nullptr, nullptr, nullptr, CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) != 1) {
    out.problem = "the signature does not match the content (" + take_openssl_error("verification failure") + ")";
    return out;
  }
  out.state = SignatureState::kValid;
  if (options.ca_bundle_pem.empty()) return out;
  std::string error;
  cert::StorePtr store = store_from_pem(options.ca_bundle_pem, options.at_time, error);
  if (!store) return Unexpected{error};
  ERR_clear_error();
  if (CMS_verify(cms.get(), nullptr, store.get(), nullptr, nullptr, CMS_BINARY) != 1) {
    out.state = SignatureState::kUntrusted;
    out.problem = "the signer's certificate does not chain to the given CA bundle (" +
                  take_openssl_error("certificate verify error") + ")";
  }
  return out;
}

}  // namespace profilec::sign
