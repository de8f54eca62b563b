#include "sign/cms_sign.h"

#include <openssl/err.h>

#include "sign/identity_impl.h"

namespace profilec::sign {

using cert::BioPtr;
using cert::CmsPtr;
using cert::take_openssl_error;

Expected<std::string, std::string> sign_content(std::string_view content, const SigningIdentity& identity,
                                                const SignOptions& options) {
  const SigningIdentity::Impl& id = identity.impl();
  // CMS_BINARY: the plist bytes are signed as they are, no MIME line-ending
  // canonicalisation. CMS_NOSMIMECAP: no S/MIME capabilities attribute
  // (Apple's tools write none). CMS_PARTIAL: the signing time is set below
  // before the signature is made.
  constexpr unsigned kFlags = CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP;
  CmsPtr cms(CMS_sign(nullptr, nullptr, id.chain.get(), nullptr, kFlags));
  if (!cms) return Unexpected{"cannot start the signature (" + take_openssl_error("cms") + ")"};
  CMS_SignerInfo* signer = CMS_add1_signer(cms.get(), id.certificate.get(), id.key.get(), EVP_sha256(), kFlags);
  if (signer == nullptr) return Unexpected{"cannot add the signer (" + take_openssl_error("cms") + ")"};
  ASN1_TIME* when = ASN1_TIME_set(nullptr, static_cast<time_t>(options.signing_time));
  const bool timed = when != nullptr &&
                     CMS_signed_add1_attr_by_NID(signer, NID_pkcs9_signingTime, when->type, when, -1) == 1;
  ASN1_TIME_free(when);
  if (!timed) return Unexpected{"cannot set the signing time (" + take_openssl_error("cms") + ")"};
  BioPtr in = cert::memory_bio(content);
  if (CMS_final(cms.get(), in.get(), nullptr, CMS_BINARY) != 1) {
    return Unexpected{"cannot sign (" + take_openssl_error("cms") + ")"};
  }
  BioPtr out(BIO_new(BIO_s_mem()));
  if (i2d_CMS_bio(out.get(), cms.get()) != 1) {
    return Unexpected{"cannot encode the signature (" + take_openssl_error("cms") + ")"};
  }
  return cert::bio_contents(out.get());
}

}  // namespace profilec::sign
