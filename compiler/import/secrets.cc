#include "import/secrets.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>

namespace profilec::import {
namespace {

// The key's words, lower-cased: "EAPClientConfiguration" -> eap, client,
// configuration; "HTTPProxyPassword" -> http, proxy, password.
std::vector<std::string> words_of(std::string_view key) {
  std::vector<std::string> words;
  std::string current;
  const auto flush = [&] {
    if (!current.empty()) words.push_back(current);
    current.clear();
  };
  for (std::size_t i = 0; i < key.size(); ++i) {
    const auto c = static_cast<unsigned char>(key[i]);
    if (!std::isalnum(c)) {
      flush();
      continue;
    }
    const bool upper = std::isupper(c);
    const bool prev_lower = i > 0 && (std::islower(static_cast<unsigned char>(key[i - 1])) ||
                                      std::isdigit(static_cast<unsigned char>(key[i - 1])));
    const bool next_lower = i + 1 < key.size() && std::islower(static_cast<unsigned char>(key[i + 1]));
    const bool prev_upper = i > 0 && std::isupper(static_cast<unsigned char>(key[i - 1]));
    if (upper && (prev_lower || (prev_upper && next_lower))) flush();
    current += static_cast<char>(std::tolower(c));
  }
  flush();
  return words;
}

}  // namespace

bool has_secret_name(std::string_view key) {
  static constexpr std::array<std::string_view, 8> kLastWords = {"password", "passwd", "passphrase", "secret",
                                                                 "psk",      "pin",    "challenge",  "token"};
  static constexpr std::array<std::string_view, 4> kKeyQualifiers = {"api", "access", "private", "secret"};
  const std::vector<std::string> words = words_of(key);
  if (words.empty()) return false;
  const std::string& last = words.back();
  if (std::find(kLastWords.begin(), kLastWords.end(), last) != kLastWords.end()) return true;
  return last == "key" && words.size() >= 2 &&
         std::find(kKeyQualifiers.begin(), kKeyQualifiers.end(), words[words.size() - 2]) != kKeyQualifiers.end();
}

bool is_secret_text(std::string_view text) {
  // The whole value is one variable; a password that merely contains '$' or
  // '%' is still a password.
  static const std::regex kVariable(R"(^(\$[A-Za-z_][A-Za-z0-9_]*|\$\{[^}]+\}|\{\{[^}]+\}\}|%[^%]+%)$)");
  return !text.empty() && !std::regex_match(text.begin(), text.end(), kVariable);
}

bool is_secret_path(const schema::PayloadSchema* schema, const std::vector<std::string>& path) {
  if (path.empty()) return false;
  if (schema) {
    for (const schema::SecretFact& fact : schema->overlay.secrets) {
      if (fact.path.segments == path) return true;
    }
  }
  return has_secret_name(path.back());
}

}  // namespace profilec::import
