// Standard base64 (RFC 4648 alphabet, '=' padding), through OpenSSL.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace profilec {

// One line, no breaks.
std::string encode_base64(std::string_view bytes);

// Spaces, tabs and line breaks are ignored; nullopt for anything that is not
// well-formed base64.
std::optional<std::string> decode_base64(std::string_view text);

}  // namespace profilec
