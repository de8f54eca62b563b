#include "cert/certificate_info.h"

#include <openssl/asn1.h>
#include <openssl/bn.h>
#include <openssl/objects.h>
#include <openssl/x509v3.h>

#include <fmt/format.h>

#include <ctime>

#include "base/civil_time.h"
#include "cert/openssl_ptr.h"

namespace profilec::cert {
namespace {

std::string name_text(const X509_NAME* name) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  return bio_contents(bio.get());
}

std::int64_t epoch_seconds(const ASN1_TIME* time) {
  std::tm tm{};
  if (time == nullptr || ASN1_TIME_to_tm(time, &tm) != 1) return 0;
  return unix_seconds_from_civil_time(CivilTime{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                                                tm.tm_sec});
}

std::string hex(const unsigned char* bytes, std::size_t size) {
  std::string out;
  for (std::size_t i = 0; i < size; ++i) out += fmt::format("{:02X}", bytes[i]);
  return out;
}

std::string subject_uid(const X509_NAME* name) {
  const int index = X509_NAME_get_index_by_NID(name, NID_userId, -1);
  if (index < 0) return {};
  const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
  unsigned char* utf8 = nullptr;
  const int size = ASN1_STRING_to_UTF8(&utf8, data);
  if (size < 0) return {};
  std::string out(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(size));
  OPENSSL_free(utf8);
  return out;
}

std::vector<std::string> extended_key_usages(X509* cert) {
  std::vector<std::string> out;
  auto* usages = static_cast<EXTENDED_KEY_USAGE*>(X509_get_ext_d2i(cert, NID_ext_key_usage, nullptr, nullptr));
  if (usages == nullptr) return out;
  for (int i = 0; i < sk_ASN1_OBJECT_num(usages); ++i) {
    const ASN1_OBJECT* usage = sk_ASN1_OBJECT_value(usages, i);
    const char* name = OBJ_nid2sn(OBJ_obj2nid(usage));
    if (name != nullptr && OBJ_obj2nid(usage) != NID_undef) {
      out.emplace_back(name);
    } else {
      char dotted[128];
      OBJ_obj2txt(dotted, sizeof dotted, usage, 1);
      out.emplace_back(dotted);
    }
  }
  EXTENDED_KEY_USAGE_free(usages);
  return out;
}

}  // namespace

std::string format_time(std::int64_t seconds) { return format_utc(civil_time_from_unix_seconds(seconds)); }

CertificateInfo describe_certificate(const x509_st* const_cert) {
  // Several OpenSSL getters take a non-const X509 although they do not modify it.
  X509* cert = const_cast<X509*>(const_cert);
  CertificateInfo info;
  info.subject = name_text(X509_get_subject_name(cert));
  info.issuer = name_text(X509_get_issuer_name(cert));
  if (const ASN1_INTEGER* serial = X509_get0_serialNumber(cert)) {
    BIGNUM* bn = ASN1_INTEGER_to_BN(serial, nullptr);
    if (bn != nullptr) {
      char* text = BN_bn2hex(bn);
      info.serial_hex = text;
      OPENSSL_free(text);
      BN_free(bn);
    }
  }
  info.not_before = epoch_seconds(X509_get0_notBefore(cert));
  info.not_after = epoch_seconds(X509_get0_notAfter(cert));
  if (EVP_PKEY* key = X509_get0_pubkey(cert)) {
    const char* type = OBJ_nid2sn(EVP_PKEY_get_base_id(key));
    info.key_type = type != nullptr ? type : "unknown";
    if (info.key_type == "rsaEncryption") info.key_type = "RSA";
    if (info.key_type == "id-ecPublicKey") info.key_type = "EC";
    info.key_bits = EVP_PKEY_get_bits(key);
  }
  int digest_nid = NID_undef;
  int pkey_nid = NID_undef;
  if (X509_get_signature_info(cert, &digest_nid, &pkey_nid, nullptr, nullptr) == 1 && digest_nid != NID_undef) {
    const char* name = OBJ_nid2sn(digest_nid);
    if (name != nullptr) info.signature_digest = name;
  }
  const uint32_t usage = X509_get_key_usage(cert);  // UINT32_MAX when the extension is absent
  info.has_key_usage = (X509_get_extension_flags(cert) & EXFLAG_KUSAGE) != 0;
  info.digital_signature = !info.has_key_usage || (usage & KU_DIGITAL_SIGNATURE) != 0;
  info.extended_key_usages = extended_key_usages(cert);
  info.user_id = subject_uid(X509_get_subject_name(cert));
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (X509_digest(cert, EVP_sha256(), digest, &size) == 1) info.sha256_fingerprint = hex(digest, size);
  return info;
}

Expected<CertificateInfo, std::string> read_certificate(std::string_view der_or_pem) {
  std::string error;
  X509StackPtr certs = parse_certificates(der_or_pem, error);
  if (!certs) return Unexpected{error};
  return describe_certificate(sk_X509_value(certs.get(), 0));
}

}  // namespace profilec::cert
