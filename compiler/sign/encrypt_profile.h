// Profile encryption, as Apple's TopLevel schema describes it: the
// PayloadContent array, written as a plist of its own, becomes CMS
// EnvelopedData (DER) for one device's certificate, stored under
// EncryptedPayloadContent with IsEncrypted = true; PayloadContent is
// removed. Only that device can read the payloads; the envelope (name,
// identifier, removal settings) stays readable.
#pragma once

#include <string>
#include <string_view>

#include "base/expected.h"
#include "ir/value.h"
#include "sign/identity.h"

namespace profilec::sign {

// `profile` is the whole profile dictionary (ir::profile_to_plist).
// AES-256-CBC content encryption; the key is wrapped for the recipient
// (RSA key transport, or ECDH for an EC certificate). The output is not
// reproducible: each encryption draws a fresh content key.
Expected<ir::Value, std::string> encrypt_payload_content(const ir::Value& profile, std::string_view device_certificate);

// The PayloadContent plist text inside EncryptedPayloadContent, with the
// device's identity (for `unsign --decrypt-with` and the reader).
Expected<std::string, std::string> decrypt_payload_content(std::string_view enveloped_der,
                                                           const SigningIdentity& device);

}  // namespace profilec::sign
