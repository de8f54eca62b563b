// Owning handles for the OpenSSL objects cert/ and sign/ use, and the one
// way their errors become messages. Internal to those two stages.
#pragma once

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

#include <memory>
#include <string>
#include <string_view>

namespace profilec::cert {

struct BioFree {
  void operator()(BIO* p) const { BIO_free_all(p); }
};
struct X509Free {
  void operator()(X509* p) const { X509_free(p); }
};
struct X509StackFree {
  void operator()(STACK_OF(X509) * p) const { sk_X509_pop_free(p, X509_free); }
};
struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct CmsFree {
  void operator()(CMS_ContentInfo* p) const { CMS_ContentInfo_free(p); }
};
struct StoreFree {
  void operator()(X509_STORE* p) const { X509_STORE_free(p); }
};
struct P12Free {
  void operator()(PKCS12* p) const { PKCS12_free(p); }
};

using BioPtr = std::unique_ptr<BIO, BioFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;
using X509StackPtr = std::unique_ptr<STACK_OF(X509), X509StackFree>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using CmsPtr = std::unique_ptr<CMS_ContentInfo, CmsFree>;
using StorePtr = std::unique_ptr<X509_STORE, StoreFree>;
using P12Ptr = std::unique_ptr<PKCS12, P12Free>;

// A read-only memory BIO over `bytes` (which must outlive it).
BioPtr memory_bio(std::string_view bytes);
// Everything written to a memory BIO.
std::string bio_contents(BIO* bio);

// The reason of the newest error on OpenSSL's queue, lower-case ("bad
// decrypt"), or `fallback` when the queue is empty. Clears the queue.
std::string take_openssl_error(std::string_view fallback);

// Every certificate in PEM text (or one DER certificate), in order.
// Errors name what was wrong; an input with no certificate is an error.
X509StackPtr parse_certificates(std::string_view der_or_pem, std::string& error);

}  // namespace profilec::cert
