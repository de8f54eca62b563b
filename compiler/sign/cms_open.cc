#include "sign/cms_open.h"

#include <openssl/err.h>
#include <openssl/x509_vfy.h>

#include "cert/certificate_checks.h"
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
  X509_VERIFY_PARAM* param = X509_STORE_get0_param(store.get());
  if (at_time != 0) X509_VERIFY_PARAM_set_time(param, static_cast<time_t>(at_time));
  // Which certificates may sign profiles is cert::signing_certificate_problem's
  // to say, for `sign` and `verify` alike; OpenSSL's default for CMS (the
  // S/MIME signing purpose) refuses a codeSigning-only certificate that
  // `sign` accepts. Any certificate of the bundle is an anchor.
  X509_VERIFY_PARAM_set_purpose(param, X509_PURPOSE_ANY);
  X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_PARTIAL_CHAIN);
  return store;
}

CMS_SignerInfo* first_signer_info(CMS_ContentInfo* cms) {
  STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms);
  if (infos == nullptr || sk_CMS_SignerInfo_num(infos) == 0) return nullptr;
  return sk_CMS_SignerInfo_value(infos, 0);
}

std::string object_name(const ASN1_OBJECT* object) {
  const int nid = OBJ_obj2nid(object);
  if (nid != NID_undef) return OBJ_nid2sn(nid);
  char dotted[128] = {};
  OBJ_obj2txt(dotted, sizeof dotted, object, 1);
  return dotted;
}

// RFC 5652 5.3: with signed attributes, the content-type attribute must be
// there and equal the encapsulated content type. OpenSSL does not compare
// them. Empty when they agree.
std::string content_type_problem(CMS_ContentInfo* cms, CMS_SignerInfo* info) {
  const ASN1_OBJECT* content_type = CMS_get0_eContentType(cms);
  if (OBJ_obj2nid(content_type) != NID_pkcs7_data) {
    return "the signed content type is " + object_name(content_type) + ", not id-data (a profile is plain data)";
  }
  if (CMS_signed_get_attr_count(info) <= 0) return {};
  const int at = CMS_signed_get_attr_by_NID(info, NID_pkcs9_contentType, -1);
  if (at < 0 || CMS_signed_get_attr_by_NID(info, NID_pkcs9_contentType, at) >= 0) {
    return "the signed attributes need exactly one content-type attribute";
  }
  X509_ATTRIBUTE* attribute = CMS_signed_get_attr(info, at);
  ASN1_TYPE* value = X509_ATTRIBUTE_count(attribute) == 1 ? X509_ATTRIBUTE_get0_type(attribute, 0) : nullptr;
  if (value == nullptr || value->type != V_ASN1_OBJECT) return "the signed content-type attribute is malformed";
  if (OBJ_cmp(value->value.object, content_type) != 0) {
    return "the signed content-type attribute (" + object_name(value->value.object) + ") is not the content's type (" +
           object_name(content_type) + ")";
  }
  return {};
}

std::string digest_of(CMS_SignerInfo* info) {
  X509_ALGOR* digest = nullptr;
  CMS_SignerInfo_get0_algs(info, nullptr, nullptr, &digest, nullptr);
  if (digest == nullptr) return {};
  const ASN1_OBJECT* object = nullptr;
  X509_ALGOR_get0(&object, nullptr, nullptr, digest);
  return object == nullptr ? std::string() : object_name(object);
}

// The weakness of a signature that matches its content (SignedContent::weakness).
std::string weakness_of(const SignedContent& out) {
  if (cert::is_weak_digest(out.digest)) {
    return "the signature uses " + out.digest + ", a digest for which forgeries can be made; sign with SHA-256";
  }
  if (out.signer) {
    const std::string problem = cert::signing_certificate_problem(*out.signer);
    if (!problem.empty()) return "the signer's certificate may not sign profiles: " + problem;
  }
  return {};
}

// The certificate the (first) SignerInfo names, among those included.
X509* signer_certificate(CMS_ContentInfo* cms, STACK_OF(X509) * certs) {
  CMS_SignerInfo* info = first_signer_info(cms);
  if (info == nullptr) return nullptr;
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
    if (sk_X509_value(certs.get(), i) != signer)
      out.chain.push_back(cert::describe_certificate(sk_X509_value(certs.get(), i)));
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
  CMS_SignerInfo* info = first_signer_info(cms.get());
  out.digest = digest_of(info);
  out.problem = content_type_problem(cms.get(), info);
  if (!out.problem.empty()) return out;
  out.state = SignatureState::kValid;
  out.weakness = weakness_of(out);
  if (options.ca_bundle_pem.empty()) return out;
  std::string error;
  cert::StorePtr store = store_from_pem(options.ca_bundle_pem, options.at_time, error);
  if (!store) return Unexpected{error};
  ERR_clear_error();
  if (CMS_verify(cms.get(), nullptr, store.get(), nullptr, nullptr, CMS_BINARY) != 1) {
    out.state = SignatureState::kUntrusted;
    out.problem = "the signer's certificate does not chain to the given CA bundle (" +
                  take_openssl_error("certificate verify error") + ")";
  } else {
    out.chain_checked = true;
  }
  return out;
}

}  // namespace profilec::sign
