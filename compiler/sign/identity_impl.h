// The OpenSSL objects behind a SigningIdentity; for sign/ only.
#pragma once

#include <string>
#include <vector>

#include "cert/certificate_info.h"
#include "cert/openssl_ptr.h"
#include "sign/identity.h"

namespace profilec::sign {

struct SigningIdentity::Impl {
  cert::X509Ptr certificate;
  cert::PkeyPtr key;
  cert::X509StackPtr chain;  // never null; may be empty
  cert::CertificateInfo info;
  std::vector<cert::CertificateInfo> chain_info;
  std::string source_path;
};

}  // namespace profilec::sign
