// The policy language's own words, one table each: the fields of [target],
// [payload.<name>] and [fragment], and the value forms ({ file = } ...).
// The parsers (toml_reader.cc, parse_policy.cc, parse_fragment.cc) read
// them, and so does the JSON Schema export (project/json_schema.h), so an
// editor's schema says what the parser accepts. [profile]'s fields are
// lang/profile_fields.def.
#pragma once

#include <array>
#include <string_view>

#include "lang/ast.h"

namespace profilec::lang {

// --- the tables of a policy file -----------------------------------------------

inline constexpr std::array<std::string_view, 4> kTopLevelTables = {"profile", "target", "payload", "declaration"};
// [profile]'s own sub-tables and lists beside the fields of profile_fields.def.
inline constexpr std::array<std::string_view, 2> kProfileTableFields = {"omit", "extra"};

// --- value forms: a one-key inline table standing for a value ----------------

// The plist type a form's value ends up as, which decides where it may go.
enum class FormPlistType { kData, kString };

struct ValueForm {
  std::string_view key;  // { file = "..." }
  Value::Kind kind;
  FormPlistType plist_type;
  std::string_view meaning;  // for editors: a sentence
};

inline constexpr std::array kValueForms = {
    ValueForm{"file", Value::Kind::kFileRef, FormPlistType::kData,
              "<data>: the bytes of this file, relative to the policy's folder"},
    ValueForm{"base64", Value::Kind::kBase64, FormPlistType::kData, "<data>: these base64-encoded bytes"},
    ValueForm{"env", Value::Kind::kEnvSecret, FormPlistType::kString,
              "<string>: read from this environment variable at build time (a secret)"},
    ValueForm{"payload", Value::Kind::kPayloadRef, FormPlistType::kString,
              "<string>: the PayloadUUID of [payload.NAME] of the same policy"},
    ValueForm{"declaration", Value::Kind::kDeclarationRef, FormPlistType::kString,
              "<string>: the Identifier of [declaration.NAME] of the same policy"},
    ValueForm{"profile", Value::Kind::kProfileRef, FormPlistType::kString,
              "<string>: the URL of the profile built from policy NAME.toml (relative to this policy's folder), "
              "under profilec.toml's [declarations] profile_url"},
};

// --- [target] ----------------------------------------------------------------

enum class TargetFieldKind { kPlatforms, kBoolean, kChoice };

struct TargetField {
  std::string_view name;
  TargetFieldKind kind;
  std::array<std::string_view, 3> choices;  // kChoice: its words; unused slots empty
  std::string_view meaning;
};

inline constexpr std::array kTargetFields = {
    TargetField{"platforms", TargetFieldKind::kPlatforms, {}, "platform = \"minimum OS version\""},
    TargetField{"supervised", TargetFieldKind::kBoolean, {}, "the devices are supervised"},
    TargetField{"enrollment", TargetFieldKind::kChoice, {"device", "user", "automated"}, "how the devices enrolled"},
    TargetField{"shared_ipad", TargetFieldKind::kBoolean, {}, "the devices are Shared iPads"},
    TargetField{"install", TargetFieldKind::kChoice, {"mdm", "manual"}, "how the profile is installed"},
};

// A minimum version in [target].platforms: "17", "17.0", "17.0.1".
inline constexpr std::string_view kPlatformVersionPattern = R"(^[0-9]+(\.[0-9]+){0,2}$)";

// --- [payload.<name>] ----------------------------------------------------------

// A payload's name: it becomes part of identifiers.
inline constexpr std::string_view kPayloadNamePattern = R"(^[A-Za-z0-9][A-Za-z0-9_-]*$)";

// profilec.toml's [profile] id_prefix: dot-separated names ("com.example").
inline constexpr std::string_view kIdPrefixPattern = R"(^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9][A-Za-z0-9_-]*)*$)";

// These patterns are matched with base/pattern.h (POSIX ERE) and written
// into the JSON Schemas editors apply (ECMAScript): each stays in the subset
// the two dialects read alike (tests/base/pattern_test.cc).

// The language's own keys of a payload table (every other key is Apple's).
inline constexpr std::string_view kPayloadTypeKey = "type";
inline constexpr std::string_view kPayloadUseKey = "use";
inline constexpr std::string_view kPayloadOmitKey = "omit";
inline constexpr std::array<std::string_view, 3> kPayloadTableFields = {kPayloadTypeKey, kPayloadUseKey,
                                                                        kPayloadOmitKey};

// What a payload's `omit` may name: the keys lowering generates for it.
inline constexpr std::array<std::string_view, 3> kPayloadOmittable = {"PayloadIdentifier", "PayloadUUID",
                                                                      "PayloadVersion"};

// --- fragments: [fragment] + [keys] ------------------------------------------

inline constexpr std::string_view kFragmentTable = "fragment";
inline constexpr std::string_view kFragmentKeysTable = "keys";
inline constexpr std::array<std::string_view, 4> kFragmentFields = {"type", "description", "platforms", "use"};

}  // namespace profilec::lang
