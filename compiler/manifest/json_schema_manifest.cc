#include "manifest/json_schema_manifest.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <vector>

#include "base/json_reader.h"
#include "manifest/manifest_support.h"

namespace profilec::manifest {
namespace {

using schema::Key;
using schema::ValueType;

struct TypeName {
  std::string_view name;
  ValueType type;
};
constexpr std::array kTypes = {
    TypeName{"string", ValueType::kString},
    TypeName{"integer", ValueType::kInteger},
    TypeName{"number", ValueType::kReal},
    TypeName{"boolean", ValueType::kBoolean},
    TypeName{"array", ValueType::kArray},
    TypeName{"object", ValueType::kDictionary},
    // Not JSON Schema's, but in the manifests converted from ProfileManifests
    // (Jamf-Custom-Profile-Schemas/ProfileManifestsMirror: Nudge's
    // requiredInstallationDate): a plist date and data.
    TypeName{"date", ValueType::kDate},
    TypeName{"data", ValueType::kData},
};

// `format` values the model has a subtype for (PC1007).
struct FormatName {
  std::string_view format;
  std::string_view subtype;
};
constexpr std::array kFormats = {
    FormatName{"uri", "url"},
    FormatName{"url", "url"},
    FormatName{"email", "email"},
    FormatName{"hostname", "hostname"},
};

// Keywords that only shape Jamf's form or document the schema.
constexpr std::array<std::string_view, 14> kPresentation = {
    "title",       "description", "options",  "links",      "propertyOrder", "$schema",        "$id",
    "id",          "examples",    "readOnly", "__feedback", "__version",     "property_order",  // the mirror's spelling
    "enum_titles",  // beside "enum", not in "options" (Google Keystone)
};

// Keywords read into the model.
constexpr std::array<std::string_view, 13> kRead = {
    "type",
    "enum",
    "default",
    "minimum",
    "maximum",
    "pattern",
    "items",
    "properties",
    "required",
    "minItems",
    "maxItems",
    "format",
    "additionalProperties",
};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view word) {
  for (std::string_view item : list) {
    if (item == word) return true;
  }
  return false;
}

class JsonManifestReader {
 public:
  JsonManifestReader(schema::PayloadSchema& schema, std::shared_ptr<const std::string> path, Diagnostics& diagnostics)
      : schema_(schema), path_(std::move(path)), diagnostics_(diagnostics) {}

  bool failed() const { return failed_; }

  void top(const JsonValue& root) {
    root_ = &root;
    schema_.title = string_member(root, "title");
    schema_.description = with_links(string_member(root, "description"), root);
    if (const JsonValue* links = root.find("links"); links && links->is_array() && !links->items.empty()) {
      schema_.doc_url = std::string(links->items.front().string_or("href"));
    }
    schema::Group& group = app_group(schema_);
    // Jamf's App & Custom Settings are macOS preferences.
    set_introduced(group.os, schema::Platform::kMacOS, std::nullopt);
    const JsonValue* properties = root.find("properties");
    if (!properties) {
      report(DiagnosticCode::PC0041, root.position, "the manifest has no 'properties'");
      return;
    }
    for (const JsonMember& member : root.members) {
      if (member.name == "properties" || member.name == "required" || member.name == "type" ||
          member.name == "__preferencedomain" || member.name == "definitions" || member.name == "$defs" ||
          contains(kPresentation, member.name)) {
        continue;
      }
      unexpressed(member.value.position, fmt::format("'{}' at the manifest's top level", member.name));
    }
    group.keys = object_keys(root, "");
  }

 private:
  std::vector<Key> object_keys(const JsonValue& object, const std::string& parent_path) {
    std::vector<Key> keys;
    const JsonValue* properties = object.find("properties");
    if (properties) {
      if (!properties->is_object()) {
        invalid(properties->position, "'properties' must be an object");
      } else {
        for (const JsonMember& member : properties->members) {
          const std::string path = parent_path.empty() ? member.name : fmt::format("{}.{}", parent_path, member.name);
          auto key = this->key(member.value, member.name, path);
          if (!key) continue;
          // "*" (Chrome's ExtensionSettings: the settings of every extension
          // not named) stands for any key, as in the app it configures.
          if (member.name == "*") key->name = std::string(schema::kAnyKeyName);
          keys.push_back(std::move(*key));
        }
      }
    }
    if (const JsonValue* required = object.find("required")) {
      if (!required->is_array()) {
        invalid(required->position, "'required' must be an array of property names");
      } else {
        for (const JsonValue& name : required->items) {
          Key* found = nullptr;
          for (Key& key : keys) {
            if (name.is_string() && key.name == name.string) found = &key;
          }
          if (!found) {
            invalid(name.position, "'required' names no property of this object");
            continue;
          }
          found->presence = schema::Presence::kRequired;
        }
      }
    }
    if (const JsonValue* additional = object.find("additionalProperties"); additional && additional->is_object()) {
      // A map: any key, each value as the schema says.
      if (auto any = key(*additional, std::string(schema::kAnyKeyName), parent_path + ".*")) {
        keys.push_back(std::move(*any));
      }
    }
    return keys;
  }

  std::optional<Key> key(const JsonValue& outer, std::string name, const std::string& path) {
    if (!outer.is_object()) {
      invalid(outer.position, fmt::format("the definition of '{}' must be an object", path));
      return std::nullopt;
    }
    Key key;
    key.name = std::move(name);
    key.title = string_member(outer, "title");
    key.description = with_links(string_member(outer, "description"), outer);
    // A "$ref" to the manifest's own "definitions" (or "$defs"): the
    // definition named is the key's, as if written here (NoMAD's shares
    // in Jamf-Custom-Profile-Schemas).
    const JsonValue* referenced = nullptr;
    if (const JsonValue* ref = outer.find("$ref")) {
      referenced = resolve(*ref, path);
      if (!referenced) {
        key.type = ValueType::kAny;
        return key;
      }
    }
    const JsonValue& base = referenced ? *referenced : outer;
    // Jamf's "Not Configured" / "Configured" choice: a type-less definition
    // whose anyOf (or oneOf) is null or one schema. The schema is the key's.
    const JsonValue* configured = configured_branch(base);
    const JsonValue& definition = configured ? *configured : base;
    for (const JsonValue* level : {referenced, configured}) {
      if (!level) continue;
      if (key.title.empty()) key.title = string_member(*level, "title");
      if (key.description.empty()) key.description = with_links(string_member(*level, "description"), *level);
    }
    ActiveRef active(active_refs_, referenced);
    if (!type(definition, path, key)) return std::nullopt;
    for (const JsonValue* level : {&outer, referenced, configured}) {
      if (!level) continue;
      for (const JsonMember& member : level->members) {
        if (contains(kPresentation, member.name) || contains(kRead, member.name)) continue;
        if (referenced && level == &outer && member.name == "$ref") continue;
        if (configured && level == &base && (member.name == "anyOf" || member.name == "oneOf")) continue;
        unexpressed(member.value.position, fmt::format("'{}' at {}", member.name, path));
      }
    }
    if (const JsonValue* fallback = definition.find("default")) {
      if (auto scalar = scalar_of(*fallback, key.type)) key.default_value = std::move(*scalar);
    }
    if (const JsonValue* values = definition.find("enum")) {
      if (!values->is_array()) {
        invalid(values->position, "'enum' must be an array");
      } else if (key.type != ValueType::kAny) {
        // null (Jamf's "not set") is no value a plist holds; a value of
        // another type leaves the list unchecked, as in a ProfileManifests
        // pfm_range_list, rather than refusing the manifest.
        for (const JsonValue& value : values->items) {
          if (value.kind == JsonValue::Kind::kNull) continue;
          auto scalar = scalar_of(value, key.type);
          if (!scalar) {
            unexpressed(value.position, fmt::format("an 'enum' at {} with a value that is no {}: its values are not "
                                                    "checked",
                                                    path, schema::value_type_name(key.type)));
            key.allowed_values.clear();
            break;
          }
          key.allowed_values.push_back(std::move(*scalar));
        }
      }
    }
    key.range_min = number_member(definition, "minimum");
    key.range_max = number_member(definition, "maximum");
    if (const JsonValue* pattern = definition.find("pattern")) {
      if (!pattern->is_string()) {
        invalid(pattern->position, "'pattern' must be a string");
      } else if (key.type != ValueType::kString) {
        // JSON Schema applies a pattern to strings only ("[1-90]" on an
        // integer, in real manifests): nothing to check.
        unexpressed(pattern->position, fmt::format("'pattern' at {}, which is no string: not checked", path));
      } else if (!pattern_compiles(pattern->string)) {
        unexpressed(pattern->position, fmt::format("'pattern' at {}, not a regular expression profilec can run: '{}'",
                                                   path, pattern->string));
      } else {
        key.format = pattern->string;
      }
    }
    if (const JsonValue* format = definition.find("format"); format && format->is_string()) {
      bool known = false;
      for (const FormatName& f : kFormats) {
        if (f.format == format->string) key.subtype = std::string(f.subtype), known = true;
      }
      if (!known) unexpressed(format->position, fmt::format("format '{}' at {}", format->string, path));
    }
    if (key.type == ValueType::kDictionary) key.subkeys = object_keys(definition, path);
    if (key.type == ValueType::kArray) items(definition, path, key);
    return key;
  }

  bool type(const JsonValue& definition, const std::string& path, Key& key) {
    const JsonValue* type = definition.find("type");
    if (!type) {
      // JSON Schema's default is any value; `properties` or `items` say
      // which container is meant ("items": {} in real manifests).
      key.type = definition.find("properties") ? ValueType::kDictionary
                 : definition.find("items")    ? ValueType::kArray
                                               : ValueType::kAny;
      if (key.type == ValueType::kAny && !definition.members.empty()) {
        unexpressed(definition.position, fmt::format("no 'type' at {}: its type is not checked", path));
      }
      return true;
    }
    std::string_view name;
    if (type->is_string()) {
      name = type->string;
    } else if (type->is_array()) {
      // ["string", "null"]: the one type besides null; anything else is a union.
      for (const JsonValue& item : type->items) {
        if (!item.is_string() || item.string == "null") continue;
        if (!name.empty()) {
          unexpressed(type->position, fmt::format("the union of types at {}", path));
          key.type = ValueType::kAny;
          return true;
        }
        name = item.string;
      }
    }
    for (const TypeName& known : kTypes) {
      if (known.name == name) {
        key.type = known.type;
        return true;
      }
    }
    invalid(type->position, fmt::format("unknown type '{}' at {} (expected string, integer, number, boolean, array "
                                        "or object)",
                                        name, path));
    return false;
  }

  void items(const JsonValue& definition, const std::string& path, Key& key) {
    const JsonValue* items = definition.find("items");
    if (items && items->is_object()) {
      if (auto item = this->key(*items, "item", path + "[]")) key.subkeys.push_back(std::move(*item));
    } else if (items) {
      unexpressed(items->position, fmt::format("'items' that is not one schema at {}", path));
    }
    for (std::string_view field : {"minItems", "maxItems"}) {
      const JsonValue* bound = definition.find(field);
      if (!bound) continue;
      if (bound->kind != JsonValue::Kind::kInteger) {
        invalid(bound->position, fmt::format("'{}' must be an integer", field));
        continue;
      }
      if (key.subkeys.empty()) {
        unexpressed(bound->position, fmt::format("'{}' at {}, an array without an item schema", field, path));
        continue;
      }
      (field == "minItems" ? key.subkeys.front().repetition_min : key.subkeys.front().repetition_max) = bound->integer;
    }
  }

  // The definition a "$ref" of "#/definitions/NAME" or "#/$defs/NAME" names;
  // nullptr, with a note, for any other reference, one that names nothing
  // or one met again inside its own definition.
  const JsonValue* resolve(const JsonValue& ref, const std::string& path) {
    const JsonValue* found = nullptr;
    if (ref.is_string() && root_) {
      for (std::string_view section : {"definitions", "$defs"}) {
        const std::string prefix = fmt::format("#/{}/", section);
        if (!ref.string.starts_with(prefix)) continue;
        const JsonValue* definitions = root_->find(section);
        if (definitions && definitions->is_object()) found = definitions->find(ref.string.substr(prefix.size()));
      }
    }
    if (found && std::find(active_refs_.begin(), active_refs_.end(), found) != active_refs_.end()) {
      unexpressed(ref.position,
                  fmt::format("a '$ref' at {} inside the definition it names: its type is not checked", path));
      return nullptr;
    }
    if (!found) {
      unexpressed(ref.position, fmt::format("'$ref' at {} to no definition of this manifest ('{}'): its type is not "
                                            "checked",
                                            path, ref.is_string() ? ref.string : std::string()));
    }
    return found;
  }

  // The definitions being read, against a "$ref" inside its own definition.
  class ActiveRef {
   public:
    ActiveRef(std::vector<const JsonValue*>& active, const JsonValue* definition)
        : active_(active), pushed_(definition != nullptr) {
      if (pushed_) active_.push_back(definition);
    }
    ~ActiveRef() {
      if (pushed_) active_.pop_back();
    }
    ActiveRef(const ActiveRef&) = delete;
    ActiveRef& operator=(const ActiveRef&) = delete;

   private:
    std::vector<const JsonValue*>& active_;
    bool pushed_;
  };

  // The one schema besides null of a type-less definition's anyOf / oneOf;
  // nullptr when there is none or more than one.
  static const JsonValue* configured_branch(const JsonValue& definition) {
    if (definition.find("type")) return nullptr;
    for (std::string_view word : {"anyOf", "oneOf"}) {
      const JsonValue* branches = definition.find(word);
      if (!branches || !branches->is_array()) continue;
      const JsonValue* chosen = nullptr;
      for (const JsonValue& branch : branches->items) {
        if (!branch.is_object()) return nullptr;
        const JsonValue* type = branch.find("type");
        if (type && type->is_string() && type->string == "null") continue;
        if (chosen) return nullptr;
        chosen = &branch;
      }
      return chosen;
    }
    return nullptr;
  }

  // Jamf's `links` ([{ "rel": "More information", "href": ... }]) are kept
  // in the description, where `schema show` and hover show them.
  static std::string with_links(std::string description, const JsonValue& definition) {
    const JsonValue* links = definition.find("links");
    if (!links || !links->is_array()) return description;
    for (const JsonValue& link : links->items) {
      const std::string_view href = link.string_or("href");
      if (href.empty()) continue;
      if (!description.empty()) description += '\n';
      description += fmt::format("{}: {}", link.string_or("rel", "link"), href);
    }
    return description;
  }

  static std::optional<schema::Scalar> scalar_of(const JsonValue& value, ValueType type) {
    switch (type) {
      case ValueType::kString:
        if (value.is_string()) return schema::Scalar(value.string);
        break;
      case ValueType::kInteger:
        if (value.kind == JsonValue::Kind::kInteger) return schema::Scalar(value.integer);
        break;
      case ValueType::kReal:
        if (value.is_number()) return schema::Scalar(value.number);
        break;
      case ValueType::kBoolean:
        if (value.kind == JsonValue::Kind::kBool) return schema::Scalar(value.boolean);
        break;
      default: break;
    }
    return std::nullopt;
  }

  std::optional<double> number_member(const JsonValue& object, std::string_view name) {
    const JsonValue* value = object.find(name);
    if (!value) return std::nullopt;
    if (!value->is_number()) {
      invalid(value->position, fmt::format("'{}' must be a number", name));
      return std::nullopt;
    }
    return value->number;
  }

  std::string string_member(const JsonValue& object, std::string_view name) {
    const JsonValue* value = object.find(name);
    if (!value) return {};
    if (!value->is_string()) {
      invalid(value->position, fmt::format("'{}' must be a string", name));
      return {};
    }
    return value->string;
  }

  SourceSpan span(SourcePosition position) const { return SourceSpan{path_, position, position}; }
  void unexpressed(SourcePosition position, std::string what) {
    not_expressed(schema_, span(position), std::move(what), diagnostics_);
  }
  void invalid(SourcePosition position, std::string message) {
    report(DiagnosticCode::PC0042, position, std::move(message));
  }
  void report(DiagnosticCode code, SourcePosition position, std::string message) {
    diagnostics_.report(code, span(position), std::move(message));
    failed_ = true;
  }

  schema::PayloadSchema& schema_;
  const JsonValue* root_ = nullptr;
  std::vector<const JsonValue*> active_refs_;
  std::shared_ptr<const std::string> path_;
  Diagnostics& diagnostics_;
  bool failed_ = false;
};

}  // namespace

std::optional<schema::PayloadSchema> read_json_schema_manifest(std::string_view text, const std::string& path,
                                                               Diagnostics& diagnostics) {
  const auto shared_path = std::make_shared<const std::string>(path);
  auto root = read_json(text);
  if (!root) {
    diagnostics.report(DiagnosticCode::PC0040, SourceSpan{shared_path, root.error().position, root.error().position},
                       root.error().message);
    return std::nullopt;
  }
  if (!root->is_object()) {
    diagnostics.report(DiagnosticCode::PC0045, SourceSpan{shared_path, root->position, root->position},
                       "a JSON Schema manifest is an object");
    return std::nullopt;
  }
  schema::PayloadSchema schema;
  schema.source_path = path;
  schema.origin = "JSON Schema manifest";
  if (const JsonValue* domain = root->find("__preferencedomain")) {
    if (!domain->is_string() || domain->string.empty()) {
      diagnostics.report(DiagnosticCode::PC0042, SourceSpan{shared_path, domain->position, domain->position},
                         "'__preferencedomain' must be a non-empty string");
      return std::nullopt;
    }
    schema.payload_type = domain->string;
  } else {
    // The file name, spelt as the title spells it when the title is that
    // name in other letter case ("com.google.Keystone" in
    // com.google.keystone.json): domains are case-sensitive.
    schema.payload_type = file_stem(path);
    const std::string_view title = root->string_or("title");
    if (title.size() == schema.payload_type.size() &&
        std::equal(title.begin(), title.end(), schema.payload_type.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        })) {
      schema.payload_type = std::string(title);
    }
  }
  JsonManifestReader reader(schema, shared_path, diagnostics);
  reader.top(*root);
  if (reader.failed()) return std::nullopt;
  return schema;
}

}  // namespace profilec::manifest
