// Where an imported <data> value goes: a file beside the policy
// ({ file = "..." }) or inline ({ base64 = "..." }).
#pragma once

#include <string>
#include <string_view>

namespace profilec::import {

struct DataPlacement {
  bool file = false;      // false: inline base64
  std::string extension;  // with the dot, for a file: ".cer", ".p12", ".pem", ".png", ".bin"
  std::string what;       // for the summary: "certificate", "PKCS #12 identity (holds a private key)", ...
  bool private_key = false;
};

// Data at most this long, and of no known kind, is written inline.
inline constexpr std::size_t kInlineDataLimit = 64;

// `payload_type` and `top_level_content`: the value is the PayloadContent of
// a payload of that type. Certificates (DER X.509, PEM) and PKCS #12
// identities always go to files, whatever their size.
DataPlacement place_data(std::string_view bytes, std::string_view payload_type, bool top_level_content);

}  // namespace profilec::import
