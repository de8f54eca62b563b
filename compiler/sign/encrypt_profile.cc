#include "sign/encrypt_profile.h"

#include <openssl/err.h>

#include "plist/xml_writer.h"
#include "sign/identity_impl.h"

namespace profilec::sign {

using cert::BioPtr;
using cert::CmsPtr;
using cert::take_openssl_error;

Expected<ir::Value, std::string> encrypt_payload_content(const ir::Value& profile,
                                                         std::string_view device_certificate) {
  if (!profile.is_dict()) return Unexpected{std::string("the profile is not a dictionary")};
  const ir::Value* content = profile.find("PayloadContent");
  if (content == nullptr || !content->is_array()) {
    return Unexpected{std::string("the profile has no PayloadContent array to encrypt")};
  }
  auto plist = write_xml_plist(*content);
  if (!plist) return Unexpected{plist.error().message};
  std::string error;
  cert::X509StackPtr recipients = cert::parse_certificates(device_certificate, error);
  if (!recipients) return Unexpected{"the device certificate: " + error};
  // Only the first certificate is the device's; a PEM bundle may hold its chain.
  while (sk_X509_num(recipients.get()) > 1) X509_free(sk_X509_pop(recipients.get()));
  ERR_clear_error();
  BioPtr in = cert::memory_bio(*plist);
  CmsPtr cms(CMS_encrypt(recipients.get(), in.get(), EVP_aes_256_cbc(), CMS_BINARY));
  if (!cms) return Unexpected{"cannot encrypt for the device certificate (" + take_openssl_error("cms") + ")"};
  BioPtr out(BIO_new(BIO_s_mem()));
  if (i2d_CMS_bio(out.get(), cms.get()) != 1) return Unexpected{"cannot encode (" + take_openssl_error("cms") + ")"};
  ir::Dict entries;
  for (const ir::DictEntry& entry : profile.dict()) {
    if (entry.key == "PayloadContent" || entry.key == "IsEncrypted" || entry.key == "EncryptedPayloadContent") continue;
    entries.push_back(entry);
  }
  entries.push_back({"EncryptedPayloadContent", {}, ir::make_data(cert::bio_contents(out.get()))});
  entries.push_back({"IsEncrypted", {}, ir::make_boolean(true)});
  return ir::make_dict(std::move(entries), profile.span);
}

Expected<std::string, std::string> decrypt_payload_content(std::string_view enveloped_der,
                                                           const SigningIdentity& device) {
  ERR_clear_error();
  const auto* p = reinterpret_cast<const unsigned char*>(enveloped_der.data());
  CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(enveloped_der.size())));
  if (!cms || OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_enveloped) {
    return Unexpected{std::string("EncryptedPayloadContent is not CMS EnvelopedData")};
  }
  const SigningIdentity::Impl& id = device.impl();
  BioPtr out(BIO_new(BIO_s_mem()));
  if (CMS_decrypt(cms.get(), id.key.get(), id.certificate.get(), nullptr, out.get(), CMS_BINARY) != 1) {
    return Unexpected{"cannot decrypt with the given device identity (" + take_openssl_error("decrypt error") + ")"};
  }
  return cert::bio_contents(out.get());
}

}  // namespace profilec::sign
