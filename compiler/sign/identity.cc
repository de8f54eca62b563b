#include "sign/identity.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/provider.h>

#include <fmt/format.h>

#include <cstring>

#include "base/core_dumps.h"
#include "sign/identity_impl.h"

namespace profilec::sign {
namespace {

using cert::BioPtr;
using cert::memory_bio;
using cert::take_openssl_error;

int password_callback(char* buffer, int size, int /*rwflag*/, void* user) {
  const auto* password = static_cast<const std::optional<std::string>*>(user);
  if (!password->has_value() || size <= 0) return -1;
  const auto length = static_cast<int>(std::min<std::size_t>((*password)->size(), static_cast<std::size_t>(size)));
  std::memcpy(buffer, (*password)->data(), static_cast<std::size_t>(length));
  return length;
}

Unexpected<IdentityError> fail(const std::string& path, std::string message) {
  ERR_clear_error();
  return Unexpected{IdentityError{path, std::move(message)}};
}

cert::PkeyPtr read_private_key(const NamedBytes& file, const std::optional<std::string>& password, std::string& error) {
  const bool pem = file.bytes.find("-----BEGIN") != std::string::npos;
  BioPtr bio = memory_bio(file.bytes);
  EVP_PKEY* key = pem ? PEM_read_bio_PrivateKey(bio.get(), nullptr, password_callback,
                                                const_cast<std::optional<std::string>*>(&password))
                      : d2i_PrivateKey_bio(bio.get(), nullptr);
  if (key != nullptr) return cert::PkeyPtr(key);
  const bool encrypted = file.bytes.find("ENCRYPTED") != std::string::npos;
  if (encrypted && !password) {
    error = "the private key is encrypted and no password was given (--key-password-file or --key-password-env)";
  } else if (encrypted) {
    error = "cannot decrypt the private key: wrong password? (" + take_openssl_error("bad decrypt") + ")";
  } else {
    error = "not a private key in PEM or DER form (" + take_openssl_error("unreadable") + ")";
  }
  return nullptr;
}

SigningIdentity finish(cert::X509Ptr certificate, cert::PkeyPtr key, cert::X509StackPtr chain, std::string path) {
  auto impl = std::make_shared<SigningIdentity::Impl>();
  impl->info = cert::describe_certificate(certificate.get());
  for (int i = 0; i < sk_X509_num(chain.get()); ++i) {
    impl->chain_info.push_back(cert::describe_certificate(sk_X509_value(chain.get(), i)));
  }
  impl->certificate = std::move(certificate);
  impl->key = std::move(key);
  impl->chain = std::move(chain);
  impl->source_path = std::move(path);
  return SigningIdentity(std::move(impl));
}

// PKCS#12 files exported by macOS Keychain Access and older tools use
// RC2/3DES, which OpenSSL 3 keeps in its "legacy" provider. Loaded once,
// beside the default provider, only when such a file is met.
bool load_legacy_provider() {
  static const bool loaded = OSSL_PROVIDER_load(nullptr, "legacy") != nullptr &&
                             OSSL_PROVIDER_load(nullptr, "default") != nullptr;
  return loaded;
}

bool parse_pkcs12(PKCS12* p12, const std::string& password, EVP_PKEY** key, X509** certificate, STACK_OF(X509) * *ca) {
  if (PKCS12_parse(p12, password.c_str(), key, certificate, ca) == 1) return true;
  if (!load_legacy_provider()) return false;
  ERR_clear_error();
  return PKCS12_parse(p12, password.c_str(), key, certificate, ca) == 1;
}

}  // namespace

SigningIdentity::SigningIdentity(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
const cert::CertificateInfo& SigningIdentity::certificate() const { return impl_->info; }
const std::vector<cert::CertificateInfo>& SigningIdentity::chain() const { return impl_->chain_info; }
const std::string& SigningIdentity::source_path() const { return impl_->source_path; }

bool protect_key_material() { return forbid_core_dumps(default_core_dump_protection()); }

void cleanse(std::string& secret) {
  if (!secret.empty()) OPENSSL_cleanse(secret.data(), secret.size());
  secret.clear();
}

Expected<SigningIdentity, IdentityError> load_pem_identity(const PemIdentityFiles& files) {
  protect_key_material();
  std::string error;
  cert::X509StackPtr certs = cert::parse_certificates(files.certificate.bytes, error);
  if (!certs) return fail(files.certificate.path, error);
  cert::X509Ptr certificate(sk_X509_shift(certs.get()));
  cert::PkeyPtr key = read_private_key(files.private_key, files.password, error);
  if (!key) return fail(files.private_key.path, error);
  if (X509_check_private_key(certificate.get(), key.get()) != 1) {
    return fail(files.private_key.path,
                fmt::format("the private key does not match the certificate in '{}'", files.certificate.path));
  }
  // Certificates after the first in the certificate file are chain too.
  cert::X509StackPtr chain = std::move(certs);
  if (files.chain) {
    cert::X509StackPtr more = cert::parse_certificates(files.chain->bytes, error);
    if (!more) return fail(files.chain->path, error);
    while (X509* c = sk_X509_shift(more.get())) sk_X509_push(chain.get(), c);
  }
  return finish(std::move(certificate), std::move(key), std::move(chain), files.certificate.path);
}

Expected<SigningIdentity, IdentityError> load_pkcs12_identity(const NamedBytes& bundle,
                                                              const std::optional<std::string>& given_password) {
  protect_key_material();
  BioPtr bio = memory_bio(bundle.bytes);
  cert::P12Ptr p12(d2i_PKCS12_bio(bio.get(), nullptr));
  if (!p12) return fail(bundle.path, "not a PKCS#12 file (" + take_openssl_error("unreadable") + ")");
  std::string password = given_password.value_or("");
  const CleanseOnExit cleanse_password(&password);
  if (PKCS12_verify_mac(p12.get(), password.c_str(), static_cast<int>(password.size())) != 1) {
    ERR_clear_error();
    if (!given_password) {
      return fail(bundle.path,
                  "the PKCS#12 file needs a password and none was given (--key-password-file or --key-password-env)");
    }
    return fail(bundle.path, "wrong password for the PKCS#12 file (its integrity check fails)");
  }
  EVP_PKEY* key = nullptr;
  X509* certificate = nullptr;
  STACK_OF(X509)* ca = nullptr;
  if (!parse_pkcs12(p12.get(), password, &key, &certificate, &ca)) {
    return fail(bundle.path, "cannot read the PKCS#12 file (" + take_openssl_error("unsupported cipher") + ")");
  }
  cert::PkeyPtr key_ptr(key);
  cert::X509Ptr cert_ptr(certificate);
  cert::X509StackPtr chain(ca != nullptr ? ca : sk_X509_new_null());
  if (!key_ptr || !cert_ptr) return fail(bundle.path, "the PKCS#12 file holds no private key with its certificate");
  if (X509_check_private_key(cert_ptr.get(), key_ptr.get()) != 1) {
    return fail(bundle.path, "the private key in the PKCS#12 file does not match its certificate");
  }
  return finish(std::move(cert_ptr), std::move(key_ptr), std::move(chain), bundle.path);
}

}  // namespace profilec::sign
