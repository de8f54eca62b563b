// Which environment variables `{ env = "NAME" }` may read, and which files
// and variables no policy may ever read (docs/security.md): the names of
// profilec.toml's [secrets] allow_env, and what the signing identity of the
// run uses.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace profilec {

// A variable or file that holds key material for this run: the signing
// identity's key, PKCS#12 file or password, from profilec.toml's [signing]
// or the command line.
struct SigningSecret {
  enum Kind { kVariable, kFile };
  Kind kind = kVariable;
  std::string name;    // the variable's name, or the file's path as given
  std::string origin;  // where it was named: "[signing] password_env in 'profilec.toml'", "--key-password-env"
};

// The allow-list when profilec.toml has none.
inline constexpr std::string_view kDefaultAllowedEnv = "PROFILEC_*";

struct SecretPolicy {
  // Patterns of the variables `{ env = }` may name: `*` stands for any run
  // of characters, `?` for one; everything else is literal.
  std::vector<std::string> allow_env = {std::string(kDefaultAllowedEnv)};
  std::string allow_env_origin;  // the profilec.toml that set allow_env; empty: the default
  std::vector<SigningSecret> signing;
};

bool env_pattern_matches(std::string_view pattern, std::string_view name);

// Why `pattern` cannot be an allow_env pattern, or nullopt when it can: a
// pattern holds only A-Z, a-z, 0-9, '_', '*' and '?' and starts with a
// letter or '_', so that it names a family of variables (PROFILEC_*,
// ACME_*) rather than all of them.
std::optional<std::string> env_pattern_problem(std::string_view pattern);

// The signing secret that `{ env = "name" }` would read, or nullptr.
const SigningSecret* signing_variable(const SecretPolicy& policy, std::string_view name);

}  // namespace profilec
