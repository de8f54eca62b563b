// The policy source after parsing: what the admin wrote, with a span for
// every piece. Parsing resolves nothing; lang/project_defaults.h then fills
// in profilec.toml's defaults and lang/resolve_uses.h mixes fragments into
// the payloads (each key keeps the span of the file it was written in).
// Files, secrets and identifiers are lowering's job.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/source_span.h"

namespace profilec::lang {

// A TOML date, time or date-time, as written.
struct DateTime {
  bool has_date = false;
  bool has_time = false;
  bool has_offset = false;
  int year = 0, month = 0, day = 0;
  int hour = 0, minute = 0, second = 0;
  std::uint32_t nanosecond = 0;
  int offset_minutes = 0;
};

struct Entry;

struct Value {
  enum class Kind {
    kBoolean,
    kInteger,
    kReal,
    kString,
    kDateTime,
    kArray,
    kTable,
    kFileRef,         // { file = "path" }   -> <data> with the file's bytes
    kBase64,          // { base64 = "..." }  -> <data>
    kEnvSecret,       // { env = "NAME" }    -> <string> read at build time
    kPayloadRef,      // { payload = "NAME" } -> <string>: the PayloadUUID of [payload.NAME] of the using policy
    kDeclarationRef,  // { declaration = "NAME" } -> <string>: the Identifier of [declaration.NAME] of the policy
    kProfileRef,      // { profile = "NAME" } -> <string>: the URL of the profile built from policy NAME (docs/ddm.md)
  };

  Kind kind = Kind::kString;
  SourceSpan span;
  bool boolean = false;
  std::int64_t integer = 0;
  double real = 0;
  std::string text;  // string, file path, base64 text, variable name or payload name
  DateTime datetime;
  std::vector<Value> items;    // kArray
  std::vector<Entry> entries;  // kTable, in source order
};

struct Entry {
  std::string key;
  SourceSpan key_span;
  Value value;
};

template <typename T>
struct Field {
  T value;
  SourceSpan span;
};

// The kinds of value a [profile] field holds (lang/profile_fields.def lists
// the fields): each kind is parsed, lowered and imported one way.
enum class ProfileFieldKind {
  kIdentifier,  // a non-empty string: PayloadIdentifier
  kUuid,        // a string that must be a UUID
  kText,        // a string
  kScope,       // "system" | "user" -> "System" | "User" (held as written in the plist)
  kRemoval,     // "allowed" | "disallowed" -> <true/> when disallowed
  kConsent,     // a string (the text for every language) or a table of language = text
  kDate,        // a TOML datetime -> <date>
  kSeconds,     // a positive integer -> <real>
};

// The AST member of a field of that kind.
template <ProfileFieldKind kKind>
struct ProfileFieldMember {
  using Type = Field<std::string>;
};
template <>
struct ProfileFieldMember<ProfileFieldKind::kRemoval> {
  using Type = Field<bool>;  // true: removal disallowed
};
template <>
struct ProfileFieldMember<ProfileFieldKind::kConsent> {
  using Type = Value;
};
template <>
struct ProfileFieldMember<ProfileFieldKind::kDate> {
  using Type = Value;
};
template <>
struct ProfileFieldMember<ProfileFieldKind::kSeconds> {
  using Type = Field<std::int64_t>;
};

// [profile]: the envelope of the .mobileconfig.
struct ProfileSection {
  SourceSpan span;
  // One member per field of lang/profile_fields.def: id, uuid, name,
  // organization, description, scope, removal_disallowed, consent,
  // removal_date, duration_until_removal.
#define PROFILEC_PROFILE_FIELD(member, field_name, envelope_key, kind) \
  std::optional<ProfileFieldMember<ProfileFieldKind::kind>::Type> member;
#include "lang/profile_fields.def"
#undef PROFILEC_PROFILE_FIELD
  // Envelope keys written as is, in source order: Apple's own (a name
  // starting with an upper-case letter: PayloadVersion, TargetDeviceType,
  // ...) and those of [profile.extra] (any other name).
  std::vector<Entry> apple_keys;
  // omit = [...]: keys profilec would write that this profile must not have
  // (PayloadUUID, PayloadType, PayloadVersion, PayloadDisplayName,
  // PayloadOrganization, PayloadContent).
  std::vector<Field<std::string>> omit;
};

struct PlatformTarget {
  std::string platform;     // iOS | macOS | tvOS | visionOS | watchOS
  std::string min_version;  // "17.0"
  SourceSpan span;
};

// [target]: which devices receive the profile. Drives the target checks.
struct TargetSection {
  SourceSpan span;
  std::vector<PlatformTarget> platforms;
  SourceSpan platforms_span;  // the `platforms` key; unknown when not written
  std::optional<Field<bool>> supervised;
  std::optional<Field<std::string>> enrollment;  // device | user | automated
  std::optional<Field<bool>> shared_ipad;
  std::optional<Field<std::string>> install;  // mdm | manual
};

// [payload.<name>], and [declaration.<name>] (a Declarative Device
// Management declaration, docs/ddm.md: `type` is its declaration type, its
// keys are the declaration's Payload; `omit` is a payload's only).
struct PayloadDecl {
  std::string name;
  SourceSpan span;  // the table header
  std::optional<Field<std::string>> type;
  std::vector<Field<std::string>> uses;  // use = [...]: fragment names, in order
  // omit = [...]: generated keys this payload must not have (PayloadIdentifier,
  // PayloadUUID, PayloadVersion).
  std::vector<Field<std::string>> omit;
  std::vector<Entry> keys;  // Apple's keys, in source order (`type`, `use` and `omit` excluded)
};

struct PolicyFile {
  std::string path;
  std::optional<ProfileSection> profile;
  TargetSection target;
  std::vector<PayloadDecl> payloads;
  std::vector<PayloadDecl> declarations;  // [declaration.<name>], in source order
};

// A fragment file: keys to mix into payloads of one type (docs/language.md,
// "Fragments").
struct FragmentFile {
  std::string path;
  SourceSpan span;                         // the [fragment] header
  std::optional<Field<std::string>> type;  // the PayloadType it is for
  std::optional<Field<std::string>> description;
  std::vector<Field<std::string>> platforms;  // meant for these; empty = any
  SourceSpan platforms_span;
  std::vector<Field<std::string>> uses;  // fragments it builds on
  std::vector<Entry> keys;               // [keys], in source order
};

}  // namespace profilec::lang
