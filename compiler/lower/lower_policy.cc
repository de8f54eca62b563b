#include "lower/lower_policy.h"

#include <fmt/format.h>

#include <unordered_map>
#include <unordered_set>

#include <algorithm>

#include "ir/uuid.h"
#include "lang/profile_fields.h"
#include "lower/lower_value.h"
#include "lower/payload_references.h"

namespace profilec {
namespace {

void set(ir::Dict& dict, std::string key, ir::Value value) {
  dict.push_back(ir::DictEntry{std::move(key), value.span, std::move(value)});
}

// A pinned PayloadUUID must look like one: devices reject anything else.
bool check_uuid_syntax(const std::string& text, const SourceSpan& span, std::string_view what,
                       Diagnostics& diagnostics) {
  if (ir::is_uuid_syntax(text)) return true;
  diagnostics.report(DiagnosticCode::PC0004, span, fmt::format("{} '{}' is not a UUID", what, text),
                     "write 8-4-4-4-12 hex digits, or leave it out to derive one from the identifier");
  return false;
}

// The envelope keys [profile]'s own fields wrote (the rest were generated).
std::vector<std::string_view> keys_set_by_fields(const lang::ProfileSection& profile) {
  std::vector<std::string_view> keys;
#define PROFILEC_PROFILE_FIELD(member, field_name, envelope_key, kind) \
  if (profile.member) keys.push_back(envelope_key);
#include "lang/profile_fields.def"
#undef PROFILEC_PROFILE_FIELD
  return keys;
}

// Apple's keys written in [profile] replace what profilec would generate
// (PayloadType, PayloadVersion, a derived PayloadUUID, the default
// PayloadDisplayName) and may not repeat a key a field of [profile] sets.
// Then `omit` removes generated keys.
void apply_apple_keys_and_omissions(const lang::ProfileSection& profile, ir::Dict& top, const std::string& base_dir,
                                    const LowerInputs& inputs, const ReferenceScope& scope, Diagnostics& diagnostics) {
  if (profile.apple_keys.empty() && profile.omit.empty()) return;  // most policies: no sets to make
  // Sets of names and an index of `top`: [profile] may hold any number of
  // Apple's keys, and a search of the keys so far for each was quadratic
  // (40,000 keys: 7 s; issue 15).
  const std::vector<std::string_view> by_fields = keys_set_by_fields(profile);
  std::unordered_set<std::string_view> written(by_fields.begin(), by_fields.end());
  std::unordered_map<std::string, std::size_t> index;  // top's keys
  for (std::size_t i = 0; i < top.size(); ++i) index.emplace(top[i].key, i);
  for (const lang::Entry& entry : profile.apple_keys) {
    if (written.contains(entry.key)) {
      diagnostics.report(DiagnosticCode::PC0004, entry.key_span,
                         fmt::format("[profile] sets {} twice: with a field and as Apple's key", entry.key),
                         "keep one of them");
      continue;
    }
    auto value = lower_value(entry.value, base_dir, inputs, scope, diagnostics);
    if (!value) continue;
    if (entry.key == "PayloadUUID" && value->is_string()) {
      check_uuid_syntax(value->string(), value->span, "PayloadUUID", diagnostics);  // reported, but kept
    }
    written.insert(entry.key);
    ir::DictEntry lowered{entry.key, entry.key_span, std::move(*value)};
    if (const auto [it, added] = index.try_emplace(entry.key, top.size()); !added) {
      top[it->second] = std::move(lowered);
    } else {
      top.push_back(std::move(lowered));
    }
  }
  std::unordered_set<std::string_view> omitted;
  for (const lang::Field<std::string>& omit : profile.omit) {
    if (written.contains(omit.value)) {
      diagnostics.report(DiagnosticCode::PC0004, omit.span,
                         fmt::format("[profile] omits {}, which it also sets", omit.value),
                         "remove it from `omit`, or stop setting it");
      continue;
    }
    omitted.insert(omit.value);
  }
  if (!omitted.empty()) std::erase_if(top, [&](const ir::DictEntry& e) { return omitted.contains(e.key); });
}

// The envelope keys profilec writes itself (lang::kGeneratedEnvelopeKeys)
// where [profile]'s fields did not: after PayloadIdentifier a PayloadUUID
// derived from the id, PayloadType and PayloadVersion, then the id as the
// PayloadDisplayName. `top` holds the fields in the table's order, which
// starts with id, uuid and name.
void add_generated_keys(const lang::ProfileSection& profile, ir::Dict& top) {
  static_assert(lang::kProfileFields[0].envelope_key == "PayloadIdentifier" &&
                lang::kProfileFields[1].envelope_key == "PayloadUUID" &&
                lang::kProfileFields[2].envelope_key == "PayloadDisplayName");
  const std::string& id = profile.id->value;
  const auto at = [&](std::size_t index, std::string key, ir::Value value) {
    top.insert(top.begin() + static_cast<std::ptrdiff_t>(index),
               ir::DictEntry{std::move(key), value.span, std::move(value)});
  };
  if (top.size() < 2 || top[1].key != "PayloadUUID") {
    at(1, "PayloadUUID", ir::make_string(ir::derived_payload_uuid(id), profile.id->span));
  }
  at(2, "PayloadType", ir::make_string("Configuration", profile.span));
  at(3, "PayloadVersion", ir::make_integer(1, profile.span));
  if (top.size() < 5 || top[4].key != "PayloadDisplayName") {
    at(4, "PayloadDisplayName", ir::make_string(id, profile.id->span));
  }
}

// One field of [profile] (lang/profile_fields.def) as its envelope value, as
// its kind says; nullopt when it is not set or cannot be lowered (reported).
template <lang::ProfileFieldKind kKind>
std::optional<ir::Value> lower_field(const std::optional<typename lang::ProfileFieldMember<kKind>::Type>& field,
                                     const std::string& base_dir, const LowerInputs& inputs,
                                     const ReferenceScope& scope, Diagnostics& diagnostics) {
  using enum lang::ProfileFieldKind;
  if (!field) return std::nullopt;
  if constexpr (kKind == kIdentifier || kKind == kText || kKind == kScope) {
    return ir::make_string(field->value, field->span);
  } else if constexpr (kKind == kUuid) {
    if (!check_uuid_syntax(field->value, field->span, "profile.uuid", diagnostics)) return std::nullopt;
    return ir::make_string(field->value, field->span);
  } else if constexpr (kKind == kRemoval) {
    return ir::make_boolean(field->value, field->span);
  } else if constexpr (kKind == kConsent) {
    auto consent = lower_value(*field, base_dir, inputs, scope, diagnostics);
    if (consent && consent->is_string()) {
      // A plain string is the text for every language.
      ir::Dict by_language;
      by_language.push_back(ir::DictEntry{"default", consent->span, *consent});
      return ir::make_dict(std::move(by_language), consent->span);
    }
    return consent;
  } else if constexpr (kKind == kDate) {
    if (auto date = lower_datetime(*field, diagnostics)) return ir::make_date(*date, field->span);
    return std::nullopt;
  } else if constexpr (kKind == kSeconds) {
    // A <real>, as Apple's TopLevel data gives its type (schemas/TopLevel.toml).
    return ir::make_real(static_cast<double>(field->value), field->span);
  }
}

ir::Value envelope_of(const lang::ProfileSection& profile, const std::string& base_dir, const LowerInputs& inputs,
                      const PayloadReferences& references, Diagnostics& diagnostics) {
  const ReferenceScope scope{references, {}, nullptr, {}, nullptr};
  ir::Dict top;
  // Every field, the keys generated beside them, Apple's keys and PayloadContent: one allocation.
  top.reserve(std::size(lang::kProfileFields) + lang::kGeneratedEnvelopeKeys.size() + profile.apple_keys.size() + 1);
#define PROFILEC_PROFILE_FIELD(member, field_name, envelope_key, kind)                                                \
  if (auto value = lower_field<lang::ProfileFieldKind::kind>(profile.member, base_dir, inputs, scope, diagnostics)) { \
    set(top, envelope_key, std::move(*value));                                                                        \
  }
#include "lang/profile_fields.def"
#undef PROFILEC_PROFILE_FIELD
  add_generated_keys(profile, top);
  apply_apple_keys_and_omissions(profile, top, base_dir, inputs, scope, diagnostics);
  return ir::make_dict(std::move(top), profile.span);
}

std::optional<ir::Payload> lower_payload(const lang::PayloadDecl& decl, const PayloadReferences& references,
                                         const std::string& base_dir, const LowerInputs& inputs,
                                         Diagnostics& diagnostics) {
  if (!decl.type) return std::nullopt;
  const ReferenceScope scope{references, decl.name, nullptr, {}, nullptr};
  ir::Payload payload;
  payload.name = decl.name;
  payload.type = decl.type->value;
  payload.span = decl.span;

  ir::Dict content;
  content.reserve(decl.keys.size() + 4);  // and PayloadType, PayloadIdentifier, PayloadUUID, PayloadVersion
  bool has_identifier = false, has_uuid = false, has_version = false;
  for (const lang::Entry& entry : decl.keys) {
    if (entry.key == "PayloadType") {
      diagnostics.report(DiagnosticCode::PC0003, entry.key_span,
                         fmt::format("payload '{}' sets PayloadType directly", decl.name),
                         "the payload's `type` is its PayloadType; remove this key");
      continue;
    }
    auto value = lower_value(entry.value, base_dir, inputs, scope, diagnostics);
    if (!value) continue;
    if (entry.key == "PayloadIdentifier") has_identifier = true;
    if (entry.key == "PayloadVersion") has_version = true;
    if (entry.key == "PayloadUUID") {
      has_uuid = true;
      // Reported, but kept: the key is there, only its value is wrong.
      if (value->is_string()) check_uuid_syntax(value->string(), value->span, "PayloadUUID", diagnostics);
    }
    content.push_back(ir::DictEntry{entry.key, entry.key_span, std::move(*value)});
  }
  set(content, "PayloadType", ir::make_string(payload.type, decl.type->span));
  bool omit_identifier = false, omit_uuid = false, omit_version = false;
  for (const lang::Field<std::string>& omitted : decl.omit) {
    const bool identifier = omitted.value == "PayloadIdentifier", uuid = omitted.value == "PayloadUUID";
    if (identifier ? has_identifier : uuid ? has_uuid : has_version) {
      diagnostics.report(DiagnosticCode::PC0004, omitted.span,
                         fmt::format("payload '{}' omits {}, which it also sets", decl.name, omitted.value),
                         "remove it from `omit`, or stop setting it");
    }
    (identifier ? omit_identifier : uuid ? omit_uuid : omit_version) = true;
  }
  has_identifier = has_identifier || omit_identifier;  // from here: nothing to generate
  has_uuid = has_uuid || omit_uuid;
  has_version = has_version || omit_version;
  // The identity references to this payload resolve to (one computation).
  const PayloadIdentity& identity = *references.find(decl.name);
  if (!has_identifier) set(content, "PayloadIdentifier", ir::make_string(identity.identifier, decl.span));
  if (!has_uuid) {
    // No pinned UUID was lowered: the derived one (also when a pinned value
    // could not be lowered, which is reported).
    set(content, "PayloadUUID",
        ir::make_string(identity.uuid.value_or(ir::derived_payload_uuid(identity.identifier)), decl.span));
  }
  if (!has_version) set(content, "PayloadVersion", ir::make_integer(1, decl.span));
  payload.content = ir::make_dict(std::move(content), decl.span);
  return payload;
}

}  // namespace

ir::Target lower_target(const lang::TargetSection& source) {
  ir::Target target;
  target.span = source.span;
  for (const lang::PlatformTarget& p : source.platforms)
    target.platforms.push_back({p.platform, p.min_version, p.span});
  if (source.supervised) target.supervised = source.supervised->value;
  if (source.shared_ipad) target.shared_ipad = source.shared_ipad->value;
  if (source.enrollment) {
    const std::string& e = source.enrollment->value;
    target.enrollment = e == "user"        ? ir::Enrollment::kUser
                        : e == "automated" ? ir::Enrollment::kAutomated
                                           : ir::Enrollment::kDevice;
  }
  if (source.install && source.install->value == "manual") target.install = ir::InstallMethod::kManual;
  return target;
}

std::optional<ir::Profile> lower_policy(const lang::PolicyFile& policy, const LowerInputs& inputs,
                                        Diagnostics& diagnostics) {
  if (!policy.profile || !policy.profile->id) return std::nullopt;
  const std::string base_dir = parent_path(policy.path);
  ir::Profile profile;
  profile.source_path = policy.path;
  profile.target = lower_target(policy.target);
  const PayloadReferences references(policy.payloads, policy.profile->id->value);
  profile.envelope = envelope_of(*policy.profile, base_dir, inputs, references, diagnostics);
  for (const lang::PayloadDecl& decl : policy.payloads) {
    if (auto payload = lower_payload(decl, references, base_dir, inputs, diagnostics)) {
      profile.payloads.push_back(std::move(*payload));
    }
  }
  for (const lang::Field<std::string>& omitted : policy.profile->omit) {
    if (omitted.value != "PayloadContent") continue;
    profile.has_payload_content = false;
    if (!policy.payloads.empty()) {
      diagnostics.report(DiagnosticCode::PC0004, omitted.span, "[profile] omits PayloadContent but has payloads",
                         "PayloadContent holds the payloads: remove it from `omit`");
    }
  }
  if (policy.payloads.empty()) {
    diagnostics.report(DiagnosticCode::PC0010, policy.profile->span, "profile has no payloads",
                       "add a [payload.<name>] table with a type = \"...\"");
  }
  return profile;
}

}  // namespace profilec
