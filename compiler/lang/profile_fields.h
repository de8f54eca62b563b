// The fields of [profile] as data: the rows of lang/profile_fields.def, and
// the spellings the field kinds share between parsing (TOML -> AST) and
// import (envelope -> TOML).
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include "lang/ast.h"

namespace profilec::lang {

struct ProfileFieldInfo {
  std::string_view name;          // in [profile]: "removal"
  std::string_view envelope_key;  // in the .mobileconfig: "PayloadRemovalDisallowed"
  ProfileFieldKind kind;
};

// In the order of lang/profile_fields.def.
inline constexpr std::array kProfileFields = {
#define PROFILEC_PROFILE_FIELD(member, field_name, envelope_key, kind) \
  ProfileFieldInfo{field_name, envelope_key, ProfileFieldKind::kind},
#include "lang/profile_fields.def"
#undef PROFILEC_PROFILE_FIELD
};

// The field that sets `envelope_key`; nullptr for none.
constexpr const ProfileFieldInfo* profile_field_for_key(std::string_view envelope_key) {
  for (const ProfileFieldInfo& field : kProfileFields) {
    if (field.envelope_key == envelope_key) return &field;
  }
  return nullptr;
}

// kScope: the field's words and the PayloadScope values they stand for.
struct ScopeSpelling {
  std::string_view field;
  std::string_view plist;
};
inline constexpr std::array<ScopeSpelling, 2> kScopeSpellings = {{{"system", "System"}, {"user", "User"}}};

// kRemoval: the field's words for <false/> and <true/>.
inline constexpr std::string_view kRemovalAllowed = "allowed";
inline constexpr std::string_view kRemovalDisallowed = "disallowed";

// The envelope keys lowering writes when [profile] does not set them, in the
// order it writes them: each may be named in [profile].omit.
inline constexpr std::array<std::string_view, 4> kGeneratedEnvelopeKeys = {"PayloadUUID", "PayloadType",
                                                                           "PayloadVersion", "PayloadDisplayName"};

// Apple's envelope keys start with an upper-case letter and are written in
// [profile] as is; the language's own fields are lower-case, and any other
// top-level key goes in [profile.extra].
constexpr bool is_apple_envelope_key(std::string_view name) {
  return !name.empty() && name[0] >= 'A' && name[0] <= 'Z';
}

}  // namespace profilec::lang
