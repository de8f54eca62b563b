// The payload schema model: the facts of one payload type, as generated from
// Apple's published data (schemas/payloads/*.toml) plus our own overlay
// (schemas/overlay/*.toml). Formats: schemas/README.md.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "schema/os_version.h"

namespace profilec::schema {

enum class Platform { kIOS, kMacOS, kTvOS, kVisionOS, kWatchOS };
inline constexpr std::size_t kPlatformCount = 5;
inline constexpr std::array<Platform, kPlatformCount> kAllPlatforms = {Platform::kIOS, Platform::kMacOS,
                                                                       Platform::kTvOS, Platform::kVisionOS,
                                                                       Platform::kWatchOS};

std::string_view platform_name(Platform platform);  // "iOS", "macOS", ...
std::optional<Platform> platform_from_name(std::string_view name);

// How a payload or key behaves on Shared iPad / under User Enrollment.
enum class Mode { kAllowed, kRequired, kForbidden, kIgnored };
std::string_view mode_name(Mode mode);
std::optional<Mode> mode_from_name(std::string_view name);

// What one level (a group, or a key) states about one platform. Every fact
// is optional: absent means "not stated here, inherit". The facts are listed
// once, in schema/platform_facts.def.
struct PlatformFacts {
#define PLATFORM_FACT(field, type, label, row) std::optional<type> field;
#include "schema/platform_facts.def"
#undef PLATFORM_FACT

  // Every fact `more_specific` states replaces ours; the rest stay.
  void override_with(const PlatformFacts& more_specific);
  bool supported() const { return introduced && !introduced->is_not_available(); }
  friend bool operator==(const PlatformFacts&, const PlatformFacts&) = default;
};

// One fact's description, from platform_facts.def.
struct PlatformFactInfo {
  std::string_view field;  // "sharedipad_mode": the member, and the name in schema files and JSON
  std::string_view label;  // "shared iPad": its row in `profilec schema show`
  std::size_t row;         // where that row comes
};

inline constexpr std::array kPlatformFactInfo = {
#define PLATFORM_FACT(field, type, label, row) PlatformFactInfo{#field, label, row},
#include "schema/platform_facts.def"
#undef PLATFORM_FACT
};
inline constexpr std::size_t kPlatformFactCount = kPlatformFactInfo.size();

// Calls visit(info, member) for each fact of `facts` (const or not), in the
// order of platform_facts.def; `member` is the std::optional<OsVersion>,
// std::optional<bool> or std::optional<Mode> itself.
template <typename Facts, typename Visit>
void for_each_platform_fact(Facts& facts, Visit&& visit) {
  std::size_t index = 0;
#define PLATFORM_FACT(field, type, label, row) visit(kPlatformFactInfo[index++], facts.field);
#include "schema/platform_facts.def"
#undef PLATFORM_FACT
}

// Per platform; nullopt = this level says nothing about the platform.
using OsFacts = std::array<std::optional<PlatformFacts>, kPlatformCount>;

enum class ValueType { kString, kInteger, kReal, kBoolean, kDate, kData, kArray, kDictionary, kAny };
std::string_view value_type_name(ValueType type);  // as in the schema files: "string", ...
std::optional<ValueType> value_type_from_name(std::string_view name);

enum class Presence { kUnstated, kRequired, kOptional };

// A default or allowed value: the scalar types only.
using Scalar = std::variant<std::string, std::int64_t, double, bool>;
std::string format_scalar(const Scalar& value);  // TOML-like: "WPA2" quoted, 5, 2.5, true

inline constexpr std::string_view kAnyKeyName = "ANY";

struct Key {
  std::string name;  // plist key; an array item's label; "ANY" = any key name
  std::string title;
  std::string description;  // Apple's text (its `content`), paragraphs split by '\n'; may be empty
  ValueType type = ValueType::kAny;
  Presence presence = Presence::kUnstated;
  std::optional<Scalar> default_value;
  std::vector<Scalar> allowed_values;  // rangelist; empty = any
  std::optional<double> range_min;
  std::optional<double> range_max;
  std::string format;                          // regular expression, or empty
  std::string subtype;                         // "url", "hostname", "email", or empty
  std::optional<std::int64_t> repetition_min;  // on an array's item
  std::optional<std::int64_t> repetition_max;
  OsFacts os;
  std::vector<Key> subkeys;
  int subkeys_type = -1;  // index into PayloadSchema::types, or -1 for inline subkeys
  // Declarations only: how the key merges across declarations of a combined
  // type (Apple's `combinetype`: "boolean-or", "number-max", ...; empty =
  // unstated), and the declaration types whose Identifier it may hold.
  std::string combinetype;
  std::vector<std::string> references;

  bool is_any_name() const { return name == kAnyKeyName; }
  friend bool operator==(const Key&, const Key&) = default;
};

struct NamedType {
  std::string name;
  std::vector<Key> keys;
  bool derived_name = false;
  friend bool operator==(const NamedType&, const NamedType&) = default;
};

// One upstream file's part of a payload type (several for com.apple.MCX), or
// a variant (com.apple.extensiblesso's Kerberos keys).
struct Group {
  std::string file;
  std::string title;
  std::string doc_url;
  std::string description;  // Apple's text for that file, or empty
  OsFacts os;
  std::vector<Key> keys;
  std::string variant;     // empty for a plain group
  std::string when_key;    // variant only: the key that selects it...
  std::string when_value;  // ...when it has this value
  bool is_variant() const { return !variant.empty(); }
  friend bool operator==(const Group&, const Group&) = default;
};

// --- overlay facts (ours) ---------------------------------------------------

enum class CombineRule { kNone, kBooleanAnd, kBooleanOr, kNumberMin, kNumberMax, kSetUnion, kSetIntersection };
std::string_view combine_rule_name(CombineRule rule);
std::optional<CombineRule> combine_rule_from_name(std::string_view name);

struct KeyPath {
  std::vector<std::string> segments;  // "EAPClientConfiguration.UserPassword" -> 2 segments
  std::string variant;                // empty: the plain view
  std::string text() const;
  friend bool operator==(const KeyPath&, const KeyPath&) = default;
};

struct CombineFact {
  KeyPath path;
  CombineRule rule = CombineRule::kNone;
  std::string note;
  friend bool operator==(const CombineFact&, const CombineFact&) = default;
};

struct SecretFact {
  KeyPath path;
  std::string note;
  friend bool operator==(const SecretFact&, const SecretFact&) = default;
};

struct ReferenceFact {
  KeyPath path;
  std::vector<std::string> types;  // payload types the referenced payload may have
  std::string note;
  friend bool operator==(const ReferenceFact&, const ReferenceFact&) = default;
};

struct ExclusiveFact {
  std::vector<std::string> allow;  // payload types that may share the profile
  std::string reason;
  friend bool operator==(const ExclusiveFact&, const ExclusiveFact&) = default;
};

struct Overlay {
  bool combine_complete = false;
  std::vector<CombineFact> combine;
  std::vector<SecretFact> secrets;
  std::vector<ReferenceFact> references;
  std::optional<ExclusiveFact> exclusive;
  std::string source_path;  // empty when the type has no overlay
  friend bool operator==(const Overlay&, const Overlay&) = default;
};

// kDeclaration: a DDM declaration type (schemas/declarations/);
// kDeclarationBase: the keys every declaration has (DeclarationBase.toml).
enum class SchemaKind { kPayload, kProfile, kCommon, kDeclaration, kDeclarationBase };
std::string_view schema_kind_name(SchemaKind kind);  // as in the schema files: "payload", "declaration", ...
std::optional<SchemaKind> schema_kind_from_name(std::string_view name);

struct PayloadSchema {
  SchemaKind kind = SchemaKind::kPayload;
  std::string payload_type;
  std::string title;
  std::string doc_url;
  std::string description;  // Apple's text for the payload (the plain groups' joined), or empty
  std::string upstream;
  std::string source_path;  // "schemas/payloads/com.apple.wifi.managed.toml" or a --schema-dir file
  // Where the schema came from when it is not Apple's embedded data:
  // "profilec schema" (a --schema-dir TOML file), "ProfileManifests" or
  // "JSON Schema manifest" (app schemas, docs/app-schemas.md). Empty for
  // the embedded schemas.
  std::string origin;
  // What of the source manifest the model could not express (one line per
  // construct, "pfm_exclude at Foo"), shown by `profilec schema show`.
  std::vector<std::string> not_expressed;
  std::vector<Group> groups;
  std::vector<NamedType> types;
  Overlay overlay;
  // Declarations only: "configuration", "asset", "activation" or
  // "management", and Apple's `apply` ("single", "multiple", "combined";
  // empty = unstated).
  std::string declaration_class;
  std::string apply;

  // The keys under `key`: its inline subkeys or its named type's keys.
  const std::vector<Key>& children(const Key& key) const;
  // Every top-level definition named `name` across the plain groups (a name
  // may be defined by more than one com.apple.MCX file), with its group.
  std::vector<std::pair<const Group*, const Key*>> top_level(std::string_view name) const;
  friend bool operator==(const PayloadSchema&, const PayloadSchema&) = default;
};

}  // namespace profilec::schema
