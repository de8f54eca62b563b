#include "base/base64.h"

#include <openssl/evp.h>

#include <cctype>

namespace profilec {

std::string encode_base64(std::string_view bytes) {
  std::string encoded(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  encoded.resize(static_cast<std::size_t>(n));
  return encoded;
}

std::optional<std::string> decode_base64(std::string_view text) {
  std::string compact;
  compact.reserve(text.size());
  for (char c : text) {
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') compact += c;
  }
  if (compact.size() % 4 != 0) return std::nullopt;
  for (std::size_t i = 0; i < compact.size(); ++i) {
    const char c = compact[i];
    const bool alphabet = std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/';
    const bool padding = c == '=' && i + 2 >= compact.size();
    if (!alphabet && !padding) return std::nullopt;
  }
  if (compact.size() >= 2 && compact[compact.size() - 2] == '=' && compact.back() != '=') return std::nullopt;
  std::string out(compact.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(compact.data()),
                                static_cast<int>(compact.size()));
  if (n < 0) return std::nullopt;
  std::size_t length = static_cast<std::size_t>(n);
  // EVP_DecodeBlock counts padding as zero bytes; drop them.
  if (!compact.empty() && compact.back() == '=') --length;
  if (compact.size() >= 2 && compact[compact.size() - 2] == '=') --length;
  out.resize(length);
  return out;
}

}  // namespace profilec
