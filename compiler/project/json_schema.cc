#include "project/json_schema.h"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <utility>
#include <variant>
#include <vector>

#include "base/json_writer.h"
#include "check/schema_errata.h"
#include "ir/value.h"
#include "lang/language_tables.h"
#include "lang/parse_policy.h"
#include "lang/profile_fields.h"
#include "schema/payload_fields.h"

namespace profilec {
namespace {

using schema::Key;
using schema::PayloadSchema;
using schema::ValueType;

constexpr std::string_view kDraft = "http://json-schema.org/draft-07/schema#";

// The text an editor shows for a key: Apple's description, else its title.
const std::string& key_description(const Key& key) { return key.description.empty() ? key.title : key.description; }

std::string form_definition(std::string_view form_key) { return fmt::format("form.{}", form_key); }
std::string payload_definition(std::string_view payload_type) { return fmt::format("payload.{}", payload_type); }
std::string ref_to(std::string_view definition) { return fmt::format("#/definitions/{}", definition); }

// Writes the schema of one language; the definitions it refers to are
// collected as it goes and written once at the end.
class SchemaWriter {
 public:
  SchemaWriter(const schema::SchemaSet& schemas, const JsonSchemaOptions& options)
      : schemas_(schemas), options_(options), types_(schemas.payload_types()) {}

  std::string policy() {
    begin_document("profilec policy", "A policy file: one profile (docs/language.md)");
    out_.member("type", "object");
    out_.key("properties").begin_object();
    out_.key("profile");
    profile_table();
    out_.key("target");
    target_table();
    out_.key("payload").begin_object();
    out_.member("type", "object").member("description", "[payload.<name>]: one payload each");
    out_.key("propertyNames").begin_object().member("pattern", lang::kPayloadNamePattern).end_object();
    out_.key("additionalProperties").begin_object().member("$ref", ref_to("payload")).end_object();
    out_.end_object();
    // Declarations (docs/ddm.md): their keys are checked by `profilec check`, not here.
    out_.key("declaration").begin_object();
    out_.member("type", "object").member("description", "[declaration.<name>]: one DDM declaration each");
    out_.key("propertyNames").begin_object().member("pattern", lang::kPayloadNamePattern).end_object();
    out_.key("additionalProperties").begin_object().member("type", "object");
    out_.key("properties").begin_object();
    out_.key("type").begin_object().member("type", "string").end_object();
    out_.end_object();
    out_.key("required").begin_array().value("type").end_array();
    out_.end_object();
    out_.end_object();
    out_.end_object();  // properties
    out_.member("additionalProperties", false);
    return end_document(/*policy=*/true);
  }

  std::string fragment() {
    begin_document("profilec fragment", "A fragment: keys to mix into payloads of one type (docs/language.md)");
    out_.member("type", "object");
    out_.key("properties").begin_object();
    out_.key(lang::kFragmentTable).begin_object();
    out_.member("type", "object");
    out_.key("properties").begin_object();
    for (std::string_view field : lang::kFragmentFields) {
      out_.key(field);
      if (field == "type") {
        payload_type_value();
      } else if (field == "platforms") {
        out_.begin_object().member("type", "array");
        out_.key("items").begin_object();
        enum_of(lang::platform_names());
        out_.end_object().end_object();
      } else if (field == "use") {
        string_array();
      } else {
        out_.begin_object().member("type", "string").end_object();
      }
    }
    out_.end_object();
    out_.key("required").begin_array().value(lang::kPayloadTypeKey).end_array();
    out_.member("additionalProperties", false);
    out_.end_object();
    out_.key(lang::kFragmentKeysTable).begin_object().member("type", "object").end_object();
    out_.end_object();  // properties
    out_.member("additionalProperties", false);
    // [keys] follows [fragment].type.
    out_.key("allOf").begin_array();
    for (const std::string& type : types_) {
      out_.begin_object();
      out_.key("if").begin_object();
      out_.key("properties").begin_object();
      out_.key(lang::kFragmentTable).begin_object();
      type_is(type);
      out_.end_object();
      out_.end_object();
      out_.key("required").begin_array().value(lang::kFragmentTable).end_array();
      out_.end_object();
      out_.key("then").begin_object();
      out_.key("properties").begin_object();
      out_.key(lang::kFragmentKeysTable).begin_object().member("$ref", ref_to(payload_definition(type))).end_object();
      out_.end_object();
      out_.end_object();
      out_.end_object();
      wanted_payloads_.insert(type);
    }
    out_.end_array();
    return end_document(/*policy=*/false);
  }

 private:
  void begin_document(std::string_view title, std::string_view description) {
    out_.begin_object();
    out_.member("$schema", kDraft);
    out_.member("title", title);
    out_.member("description", description);
  }

  std::string end_document(bool policy) {
    out_.key("definitions").begin_object();
    for (const lang::ValueForm& form : lang::kValueForms) {
      out_.key(form_definition(form.key)).begin_object();
      out_.member("type", "object");
      out_.member("description", form.meaning);
      out_.key("properties").begin_object();
      out_.key(form.key).begin_object().member("type", "string").end_object();
      out_.end_object();
      out_.key("required").begin_array().value(form.key).end_array();
      out_.member("additionalProperties", false);
      out_.end_object();
    }
    if (policy) {
      out_.key("payload");
      payload_table();
    }
    for (const std::string& type : wanted_payloads_) {
      out_.key(payload_definition(type));
      payload_keys(*schemas_.find(type));
    }
    // Named types, as the payloads above (and they themselves) refer to them.
    while (!wanted_named_.empty()) {
      const auto [schema, index] = wanted_named_.front();
      wanted_named_.pop_front();
      out_.key(named_definition(*schema, index));
      object_of(*schema, schema->types[static_cast<std::size_t>(index)].keys);
    }
    out_.end_object();
    out_.end_object();
    std::string text = out_.str();
    text += '\n';
    return text;
  }

  // --- the language's tables ------------------------------------------------

  void profile_table() {
    out_.begin_object();
    out_.member("type", "object");
    out_.member("description", "[profile]: the profile's envelope");
    out_.key("properties").begin_object();
    std::map<std::string, const Key*, std::less<>> envelope;  // Apple's keys [profile] may set
    for (const schema::Group& group : schemas_.top_level().groups) {
      for (const Key& key : group.keys) {
        if (lang::is_apple_envelope_key(key.name) && key.name != "PayloadIdentifier" && key.name != "PayloadContent") {
          envelope.emplace(key.name, &key);
        }
      }
    }
    for (const auto& [name, key] : envelope) {
      out_.key(name);
      value_of(schemas_.top_level(), *key);
    }
    for (const lang::ProfileFieldInfo& field : lang::kProfileFields) {
      out_.key(field.name);
      profile_field(field);
    }
    out_.key("omit");
    out_.begin_object().member("type", "array");
    out_.key("items").begin_object();
    enum_of(lang::profile_omittable());
    out_.end_object().end_object();
    out_.key("extra").begin_object().member("type", "object").end_object();
    out_.end_object();
    if (!options_.refuse_unknown_keys) {
      // Apple's envelope keys the data lacks; the language's fields are lower-case.
      out_.key("patternProperties").begin_object();
      out_.key("^[A-Z]").begin_object().end_object();
      out_.end_object();
    }
    out_.member("additionalProperties", false);
    out_.end_object();
  }

  void profile_field(const lang::ProfileFieldInfo& field) {
    using enum lang::ProfileFieldKind;
    out_.begin_object();
    out_.member("description", fmt::format("{} in the .mobileconfig", field.envelope_key));
    switch (field.kind) {
      case kIdentifier: out_.member("type", "string").member("minLength", std::int64_t{1}); break;
      case kUuid:
      case kText:
      case kDate: out_.member("type", "string"); break;
      case kScope: {
        std::vector<std::string_view> words;
        words.reserve(lang::kScopeSpellings.size());
        for (const lang::ScopeSpelling& spelling : lang::kScopeSpellings) words.push_back(spelling.field);
        enum_of(words);
        break;
      }
      case kRemoval: enum_of(std::array{lang::kRemovalAllowed, lang::kRemovalDisallowed}); break;
      case kConsent:
        out_.key("anyOf").begin_array();
        out_.begin_object().member("type", "string").end_object();
        out_.begin_object().member("type", "object");
        out_.key("additionalProperties").begin_object().member("type", "string").end_object();
        out_.end_object();
        out_.end_array();
        break;
      case kSeconds: out_.member("type", "integer").member("minimum", std::int64_t{1}); break;
    }
    out_.end_object();
  }

  void target_table() {
    out_.begin_object();
    out_.member("type", "object");
    out_.member("description", "[target]: the devices that receive the profile");
    out_.key("properties").begin_object();
    for (const lang::TargetField& field : lang::kTargetFields) {
      out_.key(field.name).begin_object();
      out_.member("description", field.meaning);
      switch (field.kind) {
        case lang::TargetFieldKind::kPlatforms:
          out_.member("type", "object");
          out_.key("properties").begin_object();
          for (const std::string& platform : lang::platform_names()) {
            out_.key(platform).begin_object();
            out_.member("type", "string").member("pattern", lang::kPlatformVersionPattern);
            out_.end_object();
          }
          out_.end_object();
          out_.member("additionalProperties", false);
          break;
        case lang::TargetFieldKind::kBoolean: out_.member("type", "boolean"); break;
        case lang::TargetFieldKind::kChoice: {
          std::vector<std::string_view> words;
          for (std::string_view word : field.choices) {
            if (!word.empty()) words.push_back(word);
          }
          enum_of(words);
          break;
        }
      }
      out_.end_object();
    }
    out_.end_object();
    out_.member("additionalProperties", false);
    out_.end_object();
  }

  // #/definitions/payload: `type` picks the keys (if/then per known type).
  void payload_table() {
    out_.begin_object();
    out_.member("type", "object");
    out_.key("properties").begin_object();
    out_.key(lang::kPayloadTypeKey);
    payload_type_value();
    out_.end_object();
    out_.key("required").begin_array().value(lang::kPayloadTypeKey).end_array();
    out_.key("allOf").begin_array();
    for (const std::string& type : types_) {
      out_.begin_object();
      out_.key("if").begin_object();
      type_is(type);
      out_.end_object();
      out_.key("then").begin_object().member("$ref", ref_to(payload_definition(type))).end_object();
      out_.end_object();
      wanted_payloads_.insert(type);
    }
    out_.end_array();
    out_.end_object();
  }

  // Inside an object: "properties": {"type": {"const": T}}, "required": ["type"].
  void type_is(const std::string& type) {
    out_.key("properties").begin_object();
    out_.key(lang::kPayloadTypeKey).begin_object().member("const", type).end_object();
    out_.end_object();
    out_.key("required").begin_array().value(lang::kPayloadTypeKey).end_array();
  }

  // A PayloadType: one profilec knows (completion), or any other name (a
  // custom preference domain).
  void payload_type_value() {
    out_.begin_object();
    out_.member("description", "the PayloadType");
    out_.key("anyOf").begin_array();
    out_.begin_object();
    enum_of(types_);
    out_.end_object();
    out_.begin_object().member("type", "string").end_object();
    out_.end_array();
    out_.end_object();
  }

  void string_array() {
    out_.begin_object().member("type", "array");
    out_.key("items").begin_object().member("type", "string").end_object();
    out_.end_object();
  }

  // --- payload keys ---------------------------------------------------------

  // One payload type's table: its keys (plain groups, variants, the keys
  // every payload has) and the language's own.
  void payload_keys(const PayloadSchema& payload) {
    std::vector<const Key*> keys;
    std::set<std::string_view> names;
    for (const schema::FieldDef& field : schema::payload_fields(payload, schemas_, ir::Value{})) {
      if (names.insert(field.key->name).second) keys.push_back(field.key);
    }
    for (const schema::Group& group : payload.groups) {  // a variant's keys, whatever selects it
      if (!group.is_variant()) continue;
      for (const Key& key : group.keys) {
        if (names.insert(key.name).second) keys.push_back(&key);
      }
    }
    std::sort(keys.begin(), keys.end(), [](const Key* a, const Key* b) { return a->name < b->name; });
    out_.begin_object();
    out_.member("type", "object");
    if (!payload.title.empty()) out_.member("title", payload.title);
    out_.key("properties").begin_object();
    out_.key(lang::kPayloadTypeKey).begin_object().member("const", payload.payload_type).end_object();
    out_.key(lang::kPayloadUseKey);
    string_array();
    out_.key(lang::kPayloadOmitKey);
    out_.begin_object().member("type", "array");
    out_.key("items").begin_object();
    enum_of(lang::kPayloadOmittable);
    out_.end_object().end_object();
    for (const Key* key : keys) {
      if (key->is_any_name()) continue;
      out_.key(key->name);
      value_of(payload, *key);
    }
    out_.end_object();
    if (options_.refuse_unknown_keys) out_.member("additionalProperties", false);
    out_.end_object();
  }

  // A dictionary's members (nested: open to keys the data does not list).
  void object_of(const PayloadSchema& payload, const std::vector<Key>& members) {
    out_.begin_object();
    out_.member("type", "object");
    if (members.size() == 1 && members.front().is_any_name()) {
      out_.key("additionalProperties");
      value_of(payload, members.front());
    } else if (!members.empty()) {
      std::vector<const Key*> sorted;
      for (const Key& key : members) {
        if (!key.is_any_name()) sorted.push_back(&key);
      }
      std::sort(sorted.begin(), sorted.end(), [](const Key* a, const Key* b) { return a->name < b->name; });
      sorted.erase(std::unique(sorted.begin(), sorted.end(),
                               [](const Key* a, const Key* b) { return a->name == b->name; }),
                   sorted.end());
      out_.key("properties").begin_object();
      for (const Key* key : sorted) {
        out_.key(key->name);
        value_of(payload, *key);
      }
      out_.end_object();
    }
    out_.end_object();
  }

  std::string named_definition(const PayloadSchema& payload, int index) {
    return fmt::format("{}.type{}", payload_definition(payload.payload_type), index);
  }

  // The keys under a dictionary `key`: a $ref to its named type, or inline.
  void members_of(const PayloadSchema& payload, const Key& key) {
    if (key.subkeys_type >= 0 && static_cast<std::size_t>(key.subkeys_type) < payload.types.size()) {
      const auto wanted = std::make_pair(&payload, key.subkeys_type);
      if (named_seen_.insert(wanted).second) wanted_named_.push_back(wanted);
      out_.begin_object().member("$ref", ref_to(named_definition(payload, key.subkeys_type))).end_object();
      return;
    }
    object_of(payload, key.subkeys);
  }

  // The schema of one key's value: its type, the value forms that may stand
  // for it, its allowed values and range.
  void value_of(const PayloadSchema& payload, const Key& key) {
    out_.begin_object();
    if (!key.title.empty()) out_.member("title", key.title);
    if (!key_description(key).empty()) out_.member("description", key_description(key));
    switch (key.type) {
      case ValueType::kString:
        out_.key("anyOf").begin_array();
        out_.begin_object().member("type", "string");
        allowed_values(payload, key);
        out_.end_object();
        forms(lang::FormPlistType::kString);
        out_.end_array();
        break;
      case ValueType::kInteger:
      case ValueType::kReal:
        // Either number type: the other is a PC1003 warning, not an error.
        out_.member("type", "number");
        allowed_values(payload, key);
        if (key.range_min) out_.member("minimum", *key.range_min);
        if (key.range_max) out_.member("maximum", *key.range_max);
        break;
      case ValueType::kBoolean:
        // 0 and 1 stand in for false and true (a PC1003 warning).
        out_.key("anyOf").begin_array();
        out_.begin_object().member("type", "boolean").end_object();
        out_.begin_object();
        enum_of(std::array<std::int64_t, 2>{0, 1});
        out_.end_object();
        out_.end_array();
        break;
      case ValueType::kDate: out_.member("type", "string"); break;  // a TOML date-time
      case ValueType::kData:
        out_.key("anyOf").begin_array();
        forms(lang::FormPlistType::kData);
        out_.end_array();
        break;
      case ValueType::kArray: {
        out_.member("type", "array");
        const std::vector<Key>& items = payload.children(key);
        // An array of arrays of a named type that holds itself: its items
        // stay open below the first level (a $ref would need a definition
        // per array type; no payload nests so).
        const auto named = std::make_pair(&payload, key.subkeys_type);
        if (!items.empty() && (key.subkeys_type < 0 || arrays_open_.insert(named).second)) {
          const Key& item = items.front();
          if (item.repetition_min) out_.member("minItems", *item.repetition_min);
          if (item.repetition_max) out_.member("maxItems", *item.repetition_max);
          out_.key("items");
          if (item.type == ValueType::kDictionary) {
            members_of(payload, item);
          } else {
            value_of(payload, item);
          }
          if (key.subkeys_type >= 0) arrays_open_.erase(named);
        }
        break;
      }
      case ValueType::kDictionary:
        out_.key("allOf").begin_array();
        members_of(payload, key);
        out_.end_array();
        break;
      case ValueType::kAny: break;
    }
    out_.end_object();
  }

  // The value forms ({ env = } ...) that give a value of `type`, as $refs.
  void forms(lang::FormPlistType type) {
    for (const lang::ValueForm& form : lang::kValueForms) {
      if (form.plist_type == type) out_.begin_object().member("$ref", ref_to(form_definition(form.key))).end_object();
    }
  }

  // The key's allowed values, and those check's errata let through.
  void allowed_values(const PayloadSchema& payload, const Key& key) {
    if (key.allowed_values.empty()) return;
    out_.key("enum").begin_array();
    for (const schema::Scalar& value : key.allowed_values) {
      std::visit([&](const auto& v) { out_.value(v); }, value);
    }
    for (std::string_view value : check::errata::values_beyond_data(payload.payload_type, key.name)) {
      const schema::Scalar scalar{std::string(value)};
      if (std::find(key.allowed_values.begin(), key.allowed_values.end(), scalar) == key.allowed_values.end()) {
        out_.value(value);
      }
    }
    out_.end_array();
  }

  template <typename Range>
  void enum_of(const Range& values) {
    out_.key("enum").begin_array();
    for (const auto& value : values) out_.value(value);
    out_.end_array();
  }

  const schema::SchemaSet& schemas_;
  const JsonSchemaOptions& options_;
  std::vector<std::string> types_;         // known payload types, sorted
  std::set<std::string> wanted_payloads_;  // payload definitions referred to
  std::set<std::pair<const PayloadSchema*, int>> named_seen_;
  std::deque<std::pair<const PayloadSchema*, int>> wanted_named_;  // named types still to write
  std::set<std::pair<const PayloadSchema*, int>> arrays_open_;     // array item types being written
  JsonWriter out_;
};

}  // namespace

std::optional<JsonSchemaFor> json_schema_for_from_name(std::string_view name) {
  if (name == "policy") return JsonSchemaFor::kPolicy;
  if (name == "fragment") return JsonSchemaFor::kFragment;
  return std::nullopt;
}

std::string export_json_schema(JsonSchemaFor what, const schema::SchemaSet& schemas, const JsonSchemaOptions& options) {
  SchemaWriter writer(schemas, options);
  return what == JsonSchemaFor::kFragment ? writer.fragment() : writer.policy();
}

}  // namespace profilec
