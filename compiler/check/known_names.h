// Names that are not in Apple's schema data but that profilec knows, each
// with its reason: Apple preference domains macOS profiles set (PC1001
// keeps quiet on them), keys that editors write and devices ignore (PC1015),
// and Apple's declaration types (PC1001 says a profile cannot carry one).
// data/check/known-names.toml, embedded in the binary at build time.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/expected.h"

namespace profilec::check {

struct PreferenceDomain {
  std::string name;  // "com.apple.SubmitDiagInfo"
  std::string what;  // what reads it
};

struct LegacyKey {
  std::string key;                         // "PayloadEnabled"
  std::vector<std::string> payload_types;  // "*": every payload
  std::string why;
};

struct KnownNames {
  std::vector<PreferenceDomain> preference_domains;
  std::vector<LegacyKey> legacy_keys;
  std::vector<std::string> declaration_types;

  // The domain, compared without letter case; nullptr when not listed.
  const PreferenceDomain* preference_domain(std::string_view name) const;
  // The legacy key of that name in a payload of that type; nullptr when not listed.
  const LegacyKey* legacy_key(std::string_view payload_type, std::string_view key) const;
  bool is_declaration_type(std::string_view type) const;
};

// Strict: unknown keys, an empty field, a name listed twice are errors
// ("path:line:col: message").
Expected<KnownNames, std::string> parse_known_names(std::string_view text, const std::string& path);

// The embedded data/check/known-names.toml, parsed on first use.
const KnownNames& known_names();

}  // namespace profilec::check
