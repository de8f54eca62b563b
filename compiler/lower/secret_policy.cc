#include "lower/secret_policy.h"

#include <cctype>

namespace profilec {

bool env_pattern_matches(std::string_view pattern, std::string_view name) {
  // Iterative glob match with one backtrack point: linear in practice,
  // O(pattern * name) at worst, both short.
  std::size_t p = 0;
  std::size_t n = 0;
  std::size_t star = std::string_view::npos;
  std::size_t star_n = 0;
  while (n < name.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == name[n])) {
      ++p;
      ++n;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_n = n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++star_n;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::optional<std::string> env_pattern_problem(std::string_view pattern) {
  if (pattern.empty()) return "an empty pattern";
  for (char c : pattern) {
    const auto u = static_cast<unsigned char>(c);
    if (!std::isalnum(u) && c != '_' && c != '*' && c != '?') {
      return "a variable name pattern holds only letters, digits, '_', '*' and '?'";
    }
  }
  const auto first = static_cast<unsigned char>(pattern.front());
  if (!std::isalpha(first) && pattern.front() != '_') {
    return "a pattern must start with the literal beginning of the names it allows (such as PROFILEC_), not with a "
           "wildcard or a digit";
  }
  return std::nullopt;
}

const SigningSecret* signing_variable(const SecretPolicy& policy, std::string_view name) {
  for (const SigningSecret& secret : policy.signing) {
    if (secret.kind == SigningSecret::kVariable && secret.name == name) return &secret;
  }
  return nullptr;
}

}  // namespace profilec
