#include "import/build_policy_model.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "base/base64.h"
#include "base/utf8.h"
#include "import/data_files.h"
#include "import/key_order.h"
#include "import/secrets.h"
#include "ir/uuid.h"
#include "lang/profile_fields.h"
#include "schema/payload_fields.h"

namespace profilec::import {
namespace {

// How deep arrays and dictionaries in a payload (or an envelope key) may
// nest to be written: dictionaries become dotted keys, which TOML files
// here hold up to 128 parts (lang::kMaxDottedKeyParts), arrays and inline
// tables nest up to 256 levels (toml++).
constexpr std::size_t kMaxImportNesting = 128;

// The payload keys written first, in this order; the rest follow the schema.
const std::vector<std::string_view> kPayloadHousekeeping = {
    "PayloadIdentifier",   "PayloadUUID",    "PayloadVersion", "PayloadDisplayName",       "PayloadDescription",
    "PayloadOrganization", "PayloadEnabled", "PayloadScope",   "PayloadRemovalDisallowed",
};

// The envelope keys written first, in this order; the rest follow the
// TopLevel schema's order.
const std::vector<std::string_view> kEnvelopeHousekeeping = {"PayloadIdentifier", "PayloadType", "PayloadVersion",
                                                             "PayloadUUID", "PayloadDisplayName"};

// The payload keys lowering generates when a payload does not set them.
constexpr std::string_view kGeneratedPayloadKeys[] = {"PayloadIdentifier", "PayloadUUID", "PayloadVersion"};

// "root-ca.cer" -> "root-ca".
std::string_view stem_of(std::string_view file) {
  file = file.substr(file.find_last_of("/\\") == std::string_view::npos ? 0 : file.find_last_of("/\\") + 1);
  return file.substr(0, std::min(file.rfind('.'), file.size()));
}

// UUIDs compare without regard to case (PC3002, PC3004 do so too).
std::string upper_ascii(std::string text) {
  for (char& c : text) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return text;
}

bool is_calendar_date(const ir::Date& date) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (date.month < 1 || date.month > 12 || date.hour < 0 || date.hour > 23 || date.minute < 0 || date.minute > 59 ||
      date.second < 0 || date.second > 59) {
    return false;
  }
  const bool leap = (date.year % 4 == 0 && date.year % 100 != 0) || date.year % 400 == 0;
  const int days = kDays[date.month - 1] + (date.month == 2 && leap ? 1 : 0);
  return date.day >= 1 && date.day <= days;
}

// What duration_until_removal lowers to: a <real> holding a positive
// whole number of seconds (exactly representable, so it reads back the same).
bool is_whole_seconds(const ir::Value& value) {
  if (value.kind() != ir::Value::Kind::kReal) return false;
  const double seconds = value.real();
  return seconds >= 1 && seconds <= 9007199254740992.0 &&
         seconds == static_cast<double>(static_cast<std::int64_t>(seconds));
}

bool is_consent_table(const ir::Value& value) {
  return value.is_dict() && !value.dict().empty() &&
         std::all_of(value.dict().begin(), value.dict().end(),
                     [](const ir::DictEntry& e) { return e.value.is_string(); });
}

ModelValue string_value(std::string text, bool line_break) {
  ModelValue value;
  value.kind = ModelValue::Kind::kString;
  value.text = std::move(text);
  value.line_break = line_break;
  return value;
}

// A plist string as a value: written over lines as a key's value when it has
// a line break.
ModelValue text_value(const std::string& text) { return string_value(text, text.find('\n') != std::string::npos); }

// How an envelope key is written.
enum class EnvelopeRole {
  kNone,          // PayloadContent, or a generated key with the value lowering writes anyway
  kField,         // a field of [profile] (lang/profile_fields.def)
  kConsentTable,  // ConsentText in several languages: `consent`, a table after Apple's keys
  kAppleKey,      // in [profile] as is
  kExtraKey,      // in [profile.extra]: not Apple's
};

// The [profile] field (lang/profile_fields.def) that says `value`, written
// as its kind says; nullopt when the field cannot say it (the key is then
// written as Apple's).
std::optional<ModelValue> field_value(lang::ProfileFieldKind kind, const ir::Value& value) {
  using enum lang::ProfileFieldKind;
  switch (kind) {
    case kIdentifier:
      if (value.is_string()) return string_value(value.string(), false);
      break;
    case kUuid:
      if (value.is_string() && ir::is_uuid_syntax(value.string())) return string_value(value.string(), false);
      break;
    case kText:
      if (value.is_string()) return text_value(value.string());
      break;
    case kScope:
      if (!value.is_string()) break;
      for (const lang::ScopeSpelling& spelling : lang::kScopeSpellings) {
        if (value.string() == spelling.plist) return string_value(std::string(spelling.field), false);
      }
      break;
    case kRemoval:
      if (value.is_boolean()) {
        return string_value(std::string(value.boolean() ? lang::kRemovalDisallowed : lang::kRemovalAllowed), false);
      }
      break;
    case kConsent:
      if (is_consent_table(value) && value.dict().size() == 1 && value.dict().front().key == "default") {
        return text_value(value.dict().front().value.string());
      }
      break;
    case kDate:
      if (value.kind() == ir::Value::Kind::kDate) {
        ModelValue out;
        out.kind = ModelValue::Kind::kDate;
        out.date = value.date();
        return out;
      }
      break;
    case kSeconds:
      if (is_whole_seconds(value)) {
        ModelValue out;
        out.kind = ModelValue::Kind::kInteger;
        out.integer = static_cast<std::int64_t>(value.real());
        return out;
      }
      break;
  }
  return std::nullopt;
}

EnvelopeRole envelope_role(const ir::DictEntry& entry) {
  const ir::Value& v = entry.value;
  if (entry.key == "PayloadContent") return EnvelopeRole::kNone;
  if ((entry.key == "PayloadType" && v.is_string() && v.string() == "Configuration") ||
      (entry.key == "PayloadVersion" && v.kind() == ir::Value::Kind::kInteger && v.integer() == 1)) {
    return EnvelopeRole::kNone;  // what lowering writes anyway
  }
  if (const lang::ProfileFieldInfo* field = lang::profile_field_for_key(entry.key)) {
    if (field_value(field->kind, v)) return EnvelopeRole::kField;
    if (field->kind == lang::ProfileFieldKind::kConsent && is_consent_table(v)) return EnvelopeRole::kConsentTable;
  }
  return lang::is_apple_envelope_key(entry.key) ? EnvelopeRole::kAppleKey : EnvelopeRole::kExtraKey;
}

// Whose values are being decided: a payload (with its table name and
// schema), or the envelope (payload nullptr).
struct Owner {
  const ir::Payload* payload = nullptr;
  std::string name;
  const schema::PayloadSchema* schema = nullptr;
};

class PolicyModelBuilder {
 public:
  PolicyModelBuilder(const std::string& name, const schema::SchemaSet& schemas, const ImportOptions& options,
                     RunNames& names, Diagnostics& diagnostics)
      : name_(name), schemas_(schemas), options_(options), names_(names), diagnostics_(diagnostics) {}

  std::optional<BuiltPolicy> build(const ir::Profile& profile, const std::string& source_name) {
    if (!profile.envelope.is_dict()) {
      refuse(profile.envelope.span, "the file holds no profile dictionary");
      return std::nullopt;
    }
    const ir::Value* identifier = profile.envelope.find("PayloadIdentifier");
    if (!identifier || !identifier->is_string()) {
      refuse(identifier ? identifier->span : profile.envelope.span,
             identifier ? "the profile's PayloadIdentifier is not a string" : "the profile has no PayloadIdentifier",
             "a policy's [profile].id is its PayloadIdentifier, and devices tell profiles apart by it: "
             "add one to the .mobileconfig, then import it");
      return std::nullopt;
    }
    if (identifier->string().starts_with(".")) {
      refuse(identifier->span,
             fmt::format("the profile's PayloadIdentifier '{}' starts with a dot", identifier->string()),
             "policy source reads such an id as relative to profilec.toml's id_prefix: give the profile an "
             "identifier without the leading dot, then import it");
      return std::nullopt;
    }
    if (const ir::Value* encrypted = profile.envelope.find("EncryptedPayloadContent")) {
      refuse(encrypted->span, "the payloads are encrypted for one device",
             "import the unencrypted profile: policy source holds payloads in the clear");
      return std::nullopt;
    }

    // A bare payload (top-level PayloadType other than Configuration) keeps
    // its PayloadContent in the envelope: its items are the payloads.
    std::vector<ir::Payload> bare_payloads;
    const ir::Value* bare_content = profile.envelope.find("PayloadContent");
    if (bare_content && !all_payloads(*bare_content, bare_payloads)) return std::nullopt;
    const std::vector<ir::Payload>& payloads = bare_content ? bare_payloads : profile.payloads;
    const bool has_content = bare_content || (!is_bare(profile) && profile.has_payload_content);

    BuiltPolicy built;
    built.model.source_name = source_name;
    built.model.profile = profile_model(profile.envelope, has_content, payloads.empty());
    built.model.target = target_model(profile.target);
    UniqueNames table_names;
    std::vector<std::string> names;
    names.reserve(payloads.size());
    for (const ir::Payload& payload : payloads) names.push_back(table_names.claim(payload_name_base(payload)));
    collect_referable(payloads, names);
    for (std::size_t i = 0; i < payloads.size(); ++i) {
      built.model.payloads.push_back(payload_model(payloads[i], names[i]));
    }
    if (diagnostics_.has_errors()) return std::nullopt;
    built.files = std::move(files_);
    built.secrets = std::move(secrets_);
    built.kept_secrets = std::move(kept_secrets_);
    return built;
  }

 private:
  void refuse(const SourceSpan& span, std::string message, std::string help = {}) {
    diagnostics_.report(DiagnosticCode::PC0030, span, std::move(message), std::move(help));
  }

  bool all_payloads(const ir::Value& content, std::vector<ir::Payload>& out) {
    if (!content.is_array() ||
        !std::all_of(content.array().begin(), content.array().end(), [](const ir::Value& v) { return v.is_dict(); })) {
      refuse(content.span, "PayloadContent is not an array of payload dictionaries",
             "import reads configuration profiles: a <dict> whose PayloadContent is an <array> of payloads");
      return false;
    }
    for (const ir::Value& item : content.array()) {
      ir::Payload payload;
      const ir::Value* type = item.find("PayloadType");
      if (type && type->is_string()) payload.type = type->string();
      payload.span = item.span;
      payload.content = item;
      out.push_back(std::move(payload));
    }
    return true;
  }

  // The payloads a { payload = "NAME" } may name: those with a PayloadUUID
  // string no other payload of the profile shares (a shared one proves no
  // link), by that string exactly as written, which the reference lowers to
  // again: the round trip stays byte-identical.
  void collect_referable(const std::vector<ir::Payload>& payloads, const std::vector<std::string>& names) {
    std::unordered_map<std::string, int> seen;  // UUID, case folded -> payloads holding it
    for (const ir::Payload& payload : payloads) {
      if (const ir::Value* uuid = payload.content.find("PayloadUUID"); uuid && uuid->is_string()) {
        ++seen[upper_ascii(uuid->string())];
      }
    }
    for (std::size_t i = 0; i < payloads.size(); ++i) {
      const ir::Value* uuid = payloads[i].content.find("PayloadUUID");
      if (!uuid || !uuid->is_string() || uuid->string().empty() || seen[upper_ascii(uuid->string())] != 1) continue;
      referable_.emplace(uuid->string(), Referable{&payloads[i], names[i]});
    }
  }

  // The payload a string at `path` of `owner` names, where the overlay says
  // the key holds a PayloadUUID (schemas/overlay: `reference`) and the
  // payload of that UUID is another of the profile, of a type allowed there;
  // nullptr when the link is not proven.
  const std::string* referenced_payload(const std::string& text, const std::vector<std::string>& path,
                                        const Owner& owner) const {
    if (!owner.payload || !owner.schema) return nullptr;
    auto it = referable_.find(text);
    if (it == referable_.end() || it->second.payload == owner.payload) return nullptr;
    for (const schema::ReferenceFact& fact : owner.schema->overlay.references) {
      if (fact.path.segments != path) continue;
      const std::string& type = it->second.payload->type;
      if (fact.types.empty() || std::find(fact.types.begin(), fact.types.end(), type) != fact.types.end()) {
        return &it->second.name;
      }
    }
    return nullptr;
  }

  // --- [profile] --------------------------------------------------------------

  // Every top-level key can be written: the language's fields where they can
  // say the value, Apple's other keys (upper-case) in [profile], any other
  // in [profile.extra]. Values are decided in file order, then written in
  // the readable order.
  ProfileModel profile_model(const ir::Value& envelope, bool has_content, bool no_payloads) {
    const ir::Dict& dict = envelope.dict();
    const schema::PayloadSchema& top = schemas_.top_level();
    std::vector<const schema::Key*> known;
    for (const schema::Group& group : top.groups) {
      for (const schema::Key& key : group.keys) known.push_back(&key);
    }
    std::vector<ModelValue> decided(dict.size());
    std::vector<EnvelopeRole> roles(dict.size());
    for (std::size_t i = 0; i < dict.size(); ++i) {
      const ir::DictEntry& entry = dict[i];
      if (entry.key == "PayloadContent") continue;
      if (!is_valid_utf8(entry.key)) refuse(entry.key_span, "a key that is not valid UTF-8");
      roles[i] = envelope_role(entry);
      SchemaPlace place;
      if (roles[i] == EnvelopeRole::kAppleKey) {
        place.schema = &top;
        for (const schema::Key* key : known) {
          if (key->name == entry.key) place.key = key;
        }
      }
      std::vector<std::string> path = {entry.key};
      decided[i] = decide(entry.value, path, place, Owner{}, 0);
    }

    ProfileModel profile;
    std::vector<ModelEntry> consent;  // after Apple's keys
    for (const ir::DictEntry* entry : readable_order(dict, kEnvelopeHousekeeping, known)) {
      const std::size_t i = static_cast<std::size_t>(entry - dict.data());
      switch (roles[i]) {
        case EnvelopeRole::kNone: break;
        case EnvelopeRole::kField: {
          const lang::ProfileFieldInfo* field = lang::profile_field_for_key(entry->key);
          profile.fields.push_back(ModelEntry{std::string(field->name), *field_value(field->kind, entry->value)});
          break;
        }
        case EnvelopeRole::kConsentTable:
          consent.push_back(ModelEntry{std::string(lang::profile_field_for_key(entry->key)->name),
                                       std::move(decided[i])});
          break;
        case EnvelopeRole::kAppleKey:
          profile.apple_keys.push_back(ModelEntry{entry->key, std::move(decided[i])});
          break;
        case EnvelopeRole::kExtraKey:
          profile.extra_keys.push_back(ModelEntry{entry->key, std::move(decided[i])});
          break;
      }
    }
    profile.apple_keys.insert(profile.apple_keys.end(), std::make_move_iterator(consent.begin()),
                              std::make_move_iterator(consent.end()));
    for (std::string_view generated : lang::kGeneratedEnvelopeKeys) {
      if (!envelope.find(generated)) profile.omit.emplace_back(generated);
    }
    if (options_.project_sets_organization && !envelope.find("PayloadOrganization")) {
      profile.omit.emplace_back("PayloadOrganization");
    }
    if (!has_content && no_payloads) profile.omit.emplace_back("PayloadContent");
    return profile;
  }

  // The target `check` gave the file (profilec.toml's [[targets]] or
  // [target] where it was read), so that the policy is checked as the file
  // was.
  static std::optional<TargetModel> target_model(const ir::Target& target) {
    if (!target.stated()) return std::nullopt;
    TargetModel out;
    for (const ir::PlatformTarget& p : target.platforms) out.platforms.emplace_back(p.platform, p.min_version);
    out.supervised = target.supervised;
    if (target.enrollment == ir::Enrollment::kUser) out.enrollment = "user";
    if (target.enrollment == ir::Enrollment::kAutomated) out.enrollment = "automated";
    out.shared_ipad = target.shared_ipad;
    out.manual_install = target.install == ir::InstallMethod::kManual;
    return out;
  }

  // --- [payload.<name>] -------------------------------------------------------

  PayloadModel payload_model(const ir::Payload& payload, std::string name) {
    PayloadModel out;
    out.name = name;
    out.type = payload.type;
    for (std::string_view generated : kGeneratedPayloadKeys) {
      if (!payload.content.find(generated)) out.omit.emplace_back(generated);
    }
    if (payload.type.empty()) {
      refuse(payload.span, "the payload has no PayloadType string",
             "a policy's payload needs a `type`: add PayloadType to the .mobileconfig, then import it");
      return out;
    }
    Owner owner{&payload, std::move(name), schemas_.find(payload.type)};
    std::vector<schema::FieldDef> fields;
    if (owner.schema) fields = schema::payload_fields(*owner.schema, schemas_, payload.content);
    std::vector<const schema::Key*> known;
    known.reserve(fields.size());
    for (const schema::FieldDef& field : fields) known.push_back(field.key);
    for (const ir::DictEntry* entry : readable_order(payload.content.dict(), kPayloadHousekeeping, known)) {
      if (entry->key == "PayloadType") continue;  // the payload's `type`
      if (entry->key == "PayloadVersion" && entry->value.kind() == ir::Value::Kind::kInteger &&
          entry->value.integer() == 1) {
        continue;  // what lowering writes anyway
      }
      if (entry->key == "type" || entry->key == "use" || entry->key == "omit") {
        refuse(entry->key_span, fmt::format("the payload key '{}' is a field of the policy language", entry->key),
               "a payload table reads `type`, `use` and `omit` as its own fields, not as keys");
        continue;
      }
      SchemaPlace place{owner.schema, nullptr};
      for (const schema::FieldDef& field : fields) {
        if (field.key->name == entry->key) {
          place.key = field.key;
          break;
        }
      }
      std::vector<std::string> path = {entry->key};
      out.entries.push_back(ModelEntry{entry->key, decide(entry->value, path, place, owner, 0)});
    }
    return out;
  }

  // --- values -----------------------------------------------------------------

  // `value` as it will be written; refused (reported) where policy source
  // cannot say it. `path`: the keys from the payload's (or envelope's) top
  // level down to it; `depth`: the arrays and dictionaries around it.
  ModelValue decide(const ir::Value& value, std::vector<std::string>& path, const SchemaPlace& place,
                    const Owner& owner, std::size_t depth) {
    ModelValue out;
    switch (value.kind()) {
      case ir::Value::Kind::kBoolean:
        out.kind = ModelValue::Kind::kBoolean;
        out.boolean = value.boolean();
        return out;
      case ir::Value::Kind::kInteger:
        out.kind = ModelValue::Kind::kInteger;
        out.integer = value.integer();
        return out;
      case ir::Value::Kind::kString: return decide_string(value, path, owner);
      case ir::Value::Kind::kData: return decide_data(value, path, owner);
      case ir::Value::Kind::kBigUnsigned:
        refuse(value.span,
               fmt::format("the integer {} is larger than TOML integers can be",
                           std::get<ir::BigUnsigned>(value.storage).value),
               fmt::format("the policy language holds integers up to {}", std::numeric_limits<std::int64_t>::max()));
        return out;
      case ir::Value::Kind::kReal:
        if (!std::isfinite(value.real())) refuse(value.span, "a real that is not a finite number");
        out.kind = ModelValue::Kind::kReal;
        out.real = value.real();
        return out;
      case ir::Value::Kind::kDate:
        if (value.date().year < 1 || value.date().year > 9999) {
          refuse(value.span, "a date outside the years 0001 to 9999");
        } else if (!is_calendar_date(value.date())) {
          // A plist reader accepts 2024-02-30 or a leap second 23:59:60;
          // a TOML date cannot say them.
          refuse(value.span, fmt::format("the date {} does not exist on the calendar", ir::format_date(value.date())),
                 "TOML dates hold real dates and times (seconds 0-59): correct the date in the .mobileconfig, then "
                 "import it");
        }
        out.kind = ModelValue::Kind::kDate;
        out.date = value.date();
        return out;
      case ir::Value::Kind::kArray: {
        out.kind = ModelValue::Kind::kArray;
        if (!enter_container(value, depth)) return out;
        const SchemaPlace items = item_place(place);
        out.items.reserve(value.array().size());
        for (const ir::Value& item : value.array()) out.items.push_back(decide(item, path, items, owner, depth + 1));
        return out;
      }
      case ir::Value::Kind::kDict: {
        out.kind = ModelValue::Kind::kTable;
        if (!enter_container(value, depth)) return out;
        check_reference_shape(value);
        // Decided in file order (names are handed out in it), written in the
        // readable order.
        const ir::Dict& dict = value.dict();
        std::vector<ModelValue> decided;
        decided.reserve(dict.size());
        for (const ir::DictEntry& entry : dict) {
          if (!is_valid_utf8(entry.key)) refuse(entry.key_span, "a key that is not valid UTF-8");
          path.push_back(entry.key);
          decided.push_back(decide(entry.value, path, child_place(place, entry.key), owner, depth + 1));
          path.pop_back();
        }
        out.entries.reserve(dict.size());
        for (const ir::DictEntry* entry : readable_order(dict, {}, known_children(place))) {
          out.entries.push_back(ModelEntry{entry->key,
                                           std::move(decided[static_cast<std::size_t>(entry - dict.data())])});
        }
        return out;
      }
    }
    return out;
  }

  // One level deeper; false (refused, its contents not visited) past what
  // policy source can nest.
  bool enter_container(const ir::Value& value, std::size_t depth) {
    if (depth < kMaxImportNesting) return true;
    refuse(value.span, fmt::format("arrays and dictionaries nested more than {} levels deep", kMaxImportNesting),
           fmt::format("policy source (TOML) nests values up to {} levels (dotted keys of up to 128 parts, 256 "
                       "nested arrays and inline tables); no real profile needs more",
                       kMaxImportNesting));
    return false;
  }

  // A dictionary with a single key file, base64, env or payload reads as a
  // reference.
  void check_reference_shape(const ir::Value& dict) {
    if (dict.dict().size() != 1) return;
    const std::string& key = dict.dict().front().key;
    if (key == "file" || key == "base64" || key == "env" || key == "payload") {
      refuse(dict.span, fmt::format("a dictionary whose only key is '{}' cannot be written as policy source", key),
             fmt::format("the policy language reads {{ {} = ... }} as a reference, not as a dictionary", key));
    }
  }

  std::string where(const std::vector<std::string>& path, const Owner& owner) const {
    if (!owner.payload) return fmt::format("{}.toml: [profile] {}", name_, fmt::join(path, "."));
    return fmt::format("{}.toml: [payload.{}] {}", name_, owner.name, fmt::join(path, "."));
  }

  ModelValue decide_string(const ir::Value& value, const std::vector<std::string>& path, const Owner& owner) {
    const std::string& text = value.string();
    ModelValue out = text_value(text);
    if (!is_valid_utf8(text)) {
      refuse(value.span, "a string that is not valid UTF-8", "TOML files are UTF-8 text");
      return out;
    }
    if (auto c = first_xml_forbidden_character(text)) {
      refuse(value.span, fmt::format("a string with the control character U+{:04X}", *c),
             "XML property lists cannot hold it, so a built profile could not either");
      return out;
    }
    if (const std::string* payload = referenced_payload(text, path, owner)) {
      out.kind = ModelValue::Kind::kPayloadRef;
      out.text = *payload;
      out.line_break = false;
      return out;
    }
    if (!owner.payload || !is_secret_text(text) || !is_secret_path(owner.schema, path)) return out;
    if (options_.keep_secrets) {
      kept_secrets_.push_back(where(path, owner));
      return out;
    }
    const std::string variable = names_.variables.claim(env_name({"PROFILEC", name_, owner.name, path.back()}));
    secrets_.push_back(SecretVariable{variable, where(path, owner), text});
    out.kind = ModelValue::Kind::kEnv;
    out.text = variable;
    return out;
  }

  ModelValue decide_data(const ir::Value& value, const std::vector<std::string>& path, const Owner& owner) {
    const std::string& bytes = value.data().bytes;
    const bool payload_content = owner.payload && path.size() == 1 && path.front() == "PayloadContent";
    const DataPlacement placement = place_data(bytes, owner.payload ? owner.payload->type : "", payload_content);
    ModelValue out;
    if (!placement.file) {
      out.kind = ModelValue::Kind::kBase64;
      out.text = encode_base64(bytes);
      return out;
    }
    // <policy>-<payload>[-<key>], or for a certificate payload that names
    // its file, <policy>-<that name>.
    std::string base = name_;
    const ir::Value* named = payload_content ? owner.payload->content.find("PayloadCertificateFileName") : nullptr;
    if (named && named->is_string() && !stem_of(named->string()).empty()) {
      base = fmt::format("{}-{}", base, slug(stem_of(named->string()), "data"));
    } else if (owner.payload) {
      base = fmt::format("{}-{}", base, owner.name);
      if (!payload_content) base = fmt::format("{}-{}", base, slug(path.back(), "data"));
    } else {
      base = fmt::format("{}-{}", base, slug(path.back(), "data"));
    }
    out.kind = ModelValue::Kind::kFile;
    out.text = names_.files.claim(base, placement.extension);
    files_.push_back(SideFile{out.text, bytes, placement.what, placement.private_key});
    return out;
  }

  const std::string& name_;
  const schema::SchemaSet& schemas_;
  const ImportOptions& options_;
  RunNames& names_;
  Diagnostics& diagnostics_;
  std::vector<SideFile> files_;
  std::vector<SecretVariable> secrets_;
  std::vector<std::string> kept_secrets_;
  struct Referable {
    const ir::Payload* payload;
    std::string name;  // its [payload.NAME]
  };
  std::unordered_map<std::string, Referable> referable_;  // by PayloadUUID as written
};

}  // namespace

bool is_bare(const ir::Profile& profile) {
  const ir::Value* type = profile.envelope.find("PayloadType");
  return type && type->is_string() && type->string() != "Configuration";
}

std::optional<BuiltPolicy> build_policy_model(const ir::Profile& profile, const std::string& name,
                                              const std::string& source_name, const schema::SchemaSet& schemas,
                                              const ImportOptions& options, RunNames& names, Diagnostics& diagnostics) {
  Diagnostics found;
  std::optional<BuiltPolicy> built =
      PolicyModelBuilder(name, schemas, options, names, found).build(profile, source_name);
  diagnostics.append(found);
  return built;
}

}  // namespace profilec::import
