// The names import makes up: payload table names, side-file names and
// environment variable names. All deterministic (the same input gives the
// same names) and collision-free within a run.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "ir/profile.h"

namespace profilec::import {

// `text` reduced to letters, digits, '-' and '_' (each run of other
// characters and dashes becomes one '-'), starting and ending with a letter
// or digit; `fallback` when nothing is left.
std::string slug(std::string_view text, std::string_view fallback);

// The payload's table name before collisions are resolved: the last
// dot-separated part of its PayloadIdentifier, slugified
// ("com.acme.wifi.corp" -> "corp"). When that part says nothing (a UUID, a
// number, or no identifier at all: tools that append one to a shared
// prefix), the PayloadType without "com.apple." instead
// ("com.apple.wifi.managed.3F2A...-..." -> "wifi-managed"), or the last part
// of a third-party type ("com.google.Chrome" -> "Chrome").
std::string payload_name_base(const ir::Payload& payload);

// An environment variable name: `parts` upper-cased and joined by '_', every
// character other than A-Z and 0-9 turned into '_' (runs folded).
std::string env_name(std::initializer_list<std::string_view> parts);

// Hands out names: the first claim of a base gets it as is, later ones
// `base<sep>2`, `base<sep>3`, ... (compared case-insensitively, so two names
// never differ only by case on a case-insensitive disk).
class UniqueNames {
 public:
  UniqueNames() = default;
  explicit UniqueNames(std::string separator) : separator_(std::move(separator)) {}
  // `suffix` is kept after the counter: claim("ca", ".cer") -> ca.cer, ca-2.cer.
  std::string claim(const std::string& base, const std::string& suffix = {});
  // Marks a name as taken without claiming it through a base.
  void reserve(const std::string& name);

 private:
  std::string separator_ = "-";
  std::set<std::string> taken_;  // lower-cased
};

}  // namespace profilec::import
