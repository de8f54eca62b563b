#include "lower/secret_policy.h"

#include <cctype>

#include "base/glob.h"

namespace profilec {

bool env_pattern_matches(std::string_view pattern, std::string_view name) { return glob_matches(pattern, name); }

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
