// A signing identity: certificate, private key and the chain to include,
// from PEM files or a PKCS#12 bundle. The CLI reads the files; this stage
// only sees their bytes (and their paths, for messages). Key material never
// leaves this object: no accessor returns it, no message contains it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/expected.h"
#include "cert/certificate_info.h"

namespace profilec::sign {

struct NamedBytes {
  std::string path;  // for messages
  std::string bytes;
};

struct PemIdentityFiles {
  NamedBytes certificate;               // PEM or DER; the first certificate is the signer
  NamedBytes private_key;               // PEM (PKCS#8, traditional RSA/EC; encrypted or not) or DER
  std::optional<NamedBytes> chain;      // PEM bundle of intermediates to include
  std::optional<std::string> password;  // for an encrypted private key
};

struct IdentityError {
  std::string path;     // the file at fault
  std::string message;  // lower-case
};

class SigningIdentity {
 public:
  struct Impl;
  explicit SigningIdentity(std::shared_ptr<const Impl> impl);

  const cert::CertificateInfo& certificate() const;
  const std::vector<cert::CertificateInfo>& chain() const;
  // The certificate file the identity came from (for locating findings).
  const std::string& source_path() const;
  const Impl& impl() const { return *impl_; }

 private:
  std::shared_ptr<const Impl> impl_;  // shared: copies are cheap and thread-safe to sign with
};

// Loading an identity first makes the process hold key material safely
// (protect_key_material()); the caller cleanses its copies of the key
// bytes and password afterwards (cleanse()).
Expected<SigningIdentity, IdentityError> load_pem_identity(const PemIdentityFiles& files);

// A PKCS#12 bundle: the key, its certificate and any other certificates
// (the chain). A wrong password is its own message. With no password
// (nullopt: no password option was given) the empty password is tried, and
// a bundle that needs one says so and names the options.
Expected<SigningIdentity, IdentityError> load_pkcs12_identity(const NamedBytes& bundle,
                                                              const std::optional<std::string>& password);

// No core dump from here on: a crash while a private key or a PKCS#12
// password is in memory must not write them to disk. Sets the core size
// limit to 0 and, on Linux, the process not dumpable (prctl
// PR_SET_DUMPABLE 0; it also keeps other processes of the same user from
// reading its memory through /proc or ptrace): base/core_dumps.h.
// Idempotent; true when both held.
bool protect_key_material();

// Overwrites `secret` (key bytes, a password, a PKCS#12 file) with
// OPENSSL_cleanse and empties it.
void cleanse(std::string& secret);

// Cleanses a string (none: nullptr) when it goes out of scope: declare it
// right after the string, so it runs first.
class CleanseOnExit {
 public:
  explicit CleanseOnExit(std::string* secret) : secret_(secret) {}
  CleanseOnExit(const CleanseOnExit&) = delete;
  CleanseOnExit& operator=(const CleanseOnExit&) = delete;
  ~CleanseOnExit() {
    if (secret_ != nullptr) cleanse(*secret_);
  }

 private:
  std::string* secret_;
};

}  // namespace profilec::sign
