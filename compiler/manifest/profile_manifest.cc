#include "manifest/profile_manifest.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <memory>

#include "ir/value.h"
#include "manifest/manifest_support.h"
#include "plist/xml_reader.h"

namespace profilec::manifest {
namespace {

using schema::Key;
using schema::OsVersion;
using schema::Platform;
using schema::ValueType;

// pfm_type -> the model's type ("float" is an older spelling of "real").
struct TypeName {
  std::string_view name;
  ValueType type;
};
constexpr std::array kTypes = {
    TypeName{"string", ValueType::kString},
    TypeName{"integer", ValueType::kInteger},
    TypeName{"real", ValueType::kReal},
    TypeName{"float", ValueType::kReal},
    TypeName{"boolean", ValueType::kBoolean},
    TypeName{"date", ValueType::kDate},
    TypeName{"data", ValueType::kData},
    TypeName{"array", ValueType::kArray},
    TypeName{"dictionary", ValueType::kDictionary},
};

// The per-platform version fields: pfm_macos_min, pfm_ios_deprecated, ...
struct PlatformPrefix {
  std::string_view prefix;
  Platform platform;
};
constexpr std::array kPlatformPrefixes = {
    PlatformPrefix{"pfm_macos_", Platform::kMacOS},       PlatformPrefix{"pfm_ios_", Platform::kIOS},
    PlatformPrefix{"pfm_tvos_", Platform::kTvOS},         PlatformPrefix{"pfm_watchos_", Platform::kWatchOS},
    PlatformPrefix{"pfm_visionos_", Platform::kVisionOS},
};

// Fields that only shape an editor's form (titles, placeholders, layout):
// nothing to check, so not reported as unexpressed either.
constexpr std::array<std::string_view, 20> kPresentationFields = {
    "pfm_title",
    "pfm_range_list_titles",
    "pfm_value_placeholder",
    "pfm_value_unit",
    "pfm_note",
    "pfm_description_reference",
    "pfm_documentation_url",
    "pfm_hidden",
    "pfm_segments",
    "pfm_app_url",
    "pfm_last_modified",
    "pfm_format_version",
    "pfm_version",
    "pfm_value_info_type",
    "pfm_sensitive",
    "pfm_value_import_processor",
    "pfm_date_style",
    "pfm_date_allow_past",
    "pfm_interaction",
    "pfm_view",
};

bool is_presentation(std::string_view field) {
  for (std::string_view known : kPresentationFields) {
    if (known == field) return true;
  }
  return false;
}

class ManifestReader {
 public:
  ManifestReader(schema::PayloadSchema& schema, Diagnostics& diagnostics)
      : schema_(schema), diagnostics_(diagnostics) {}

  bool failed() const { return failed_; }

  void top(const ir::Value& root, const ir::DictEntry& domain) {
    schema_.payload_type = domain.value.string();
    schema_.title = string_field(root, "pfm_title");
    schema_.description = string_field(root, "pfm_description");
    schema_.doc_url = string_field(root, "pfm_documentation_url");
    schema::Group& group = app_group(schema_);
    platforms_ = platform_list(root, {Platform::kMacOS});
    for (Platform platform : platforms_) set_introduced(group.os, platform, version(root, platform, "min"));
    if (bool_field(root, "pfm_deprecated", "the manifest")) {
      for (Platform platform : platforms_)
        group.os[static_cast<std::size_t>(platform)]->deprecated = OsVersion::since_first();
    }
    for (const ir::DictEntry& entry : root.dict()) {
      if (entry.key == "pfm_domain" || entry.key == "pfm_subkeys" || entry.key == "pfm_platforms" ||
          entry.key == "pfm_description" || entry.key == "pfm_deprecated" || is_presentation(entry.key) ||
          platform_field(entry.key)) {
        continue;
      }
      unexpressed_field(entry, "the manifest");
    }
    const ir::DictEntry* subkeys = find_entry(root, "pfm_subkeys");
    if (!subkeys) return;
    if (!subkeys->value.is_array()) return invalid(subkeys->value.span, "'pfm_subkeys' must be an array");
    for (const ir::Value& item : subkeys->value.array()) {
      if (!item.is_dict()) {
        invalid(item.span, "each item of 'pfm_subkeys' must be a dictionary");
        continue;
      }
      const ir::DictEntry* name = find_entry(item, "pfm_name");
      // The keys every payload has come from profilec's own schema; PFC_*
      // names, and whatever has pfm_segments (Firefox's
      // General_SegmentedControl), are ProfileCreator's form controls, not
      // preferences.
      if (name && name->value.is_string() &&
          (name->value.string().starts_with("Payload") || name->value.string().starts_with("PFC_"))) {
        continue;
      }
      if (find_entry(item, "pfm_segments") != nullptr) continue;
      if (auto key = this->key(item, Parent::kDictionary, "")) group.keys.push_back(std::move(*key));
    }
  }

 private:
  enum class Parent { kDictionary, kArray };

  std::optional<Key> key(const ir::Value& dict, Parent parent, const std::string& parent_path) {
    Key key;
    const ir::DictEntry* name = find_entry(dict, "pfm_name");
    if (name) {
      if (!name->value.is_string()) return invalid(name->value.span, "'pfm_name' must be a string"), std::nullopt;
      key.name = name->value.string();
    } else if (parent == Parent::kArray) {
      key.name = "item";
    } else {
      // A dictionary's child without a name stands for any key (a map such
      // as Chrome's ExtensionSettings, keyed by extension ID).
      key.name = std::string(schema::kAnyKeyName);
    }
    const std::string path = parent_path.empty() ? key.name : fmt::format("{}.{}", parent_path, key.name);
    const ir::DictEntry* type = find_entry(dict, "pfm_type");
    if (!type) {
      // Real manifests leave it out where an editor can tell (Defender's
      // {{value}} dictionaries): the children say which container it is.
      key.type = untyped_container(dict);
      not_expressed(schema_, dict.span,
                    key.type == ValueType::kAny ? fmt::format("no pfm_type at {}: its type is not checked", path)
                                                : fmt::format("no pfm_type at {}: read as {} (it has pfm_subkeys)",
                                                              path, schema::value_type_name(key.type)),
                    diagnostics_);
    } else if (!type->value.is_string()) {
      return invalid(type->value.span, "'pfm_type' must be a string"), std::nullopt;
    } else if (const auto* known = find_type(type->value.string())) {
      key.type = known->type;
    } else {
      invalid(type->value.span,
              fmt::format("unknown pfm_type '{}' (expected string, integer, real, float, boolean, date, data, "
                          "array or dictionary)",
                          type->value.string()));
      return std::nullopt;
    }
    key.title = string_field(dict, "pfm_title");
    key.description = string_field(dict, "pfm_description");
    if (const ir::DictEntry* fallback = find_entry(dict, "pfm_default")) {
      if (auto scalar = scalar_of(fallback->value, key.type)) key.default_value = std::move(*scalar);
    }
    if (const ir::DictEntry* list = find_entry(dict, "pfm_range_list")) {
      // A list the admin may go beyond (Chrome's AlternativeBrowserPath:
      // ${safari}, ${firefox}, ... or a path of one's own) is a suggestion,
      // not the allowed values.
      if (bool_field(dict, "pfm_range_list_allow_custom_value", path)) {
        not_expressed(schema_, list->key_span,
                      fmt::format("pfm_range_list at {} allows a custom value: its values are suggestions, not "
                                  "checked",
                                  path),
                      diagnostics_);
      } else {
        allowed_values(*list, key, path);
      }
    }
    key.range_min = bound_field(dict, "pfm_range_min", path);
    key.range_max = bound_field(dict, "pfm_range_max", path);
    if (const ir::DictEntry* format = find_entry(dict, "pfm_format")) {
      if (!format->value.is_string()) {
        invalid(format->value.span, "'pfm_format' must be a string");
      } else if (!pattern_compiles(format->value.string())) {
        // Written for another engine (ProfileCreator's NSRegularExpression):
        // left unchecked rather than refusing the whole manifest.
        not_expressed(schema_, format->value.span,
                      fmt::format("pfm_format at {}, not a regular expression profilec can run: '{}'", path,
                                  format->value.string()),
                      diagnostics_);
      } else {
        key.format = format->value.string();
      }
    }
    if (const ir::DictEntry* require = find_entry(dict, "pfm_require")) {
      if (!require->value.is_string()) {
        invalid(require->value.span, "'pfm_require' must be a string");
      } else if (require->value.string() == "always" && find_entry(dict, "pfm_default") != nullptr) {
        // A default says what the app does without the key (Firefox's
        // DNSOverHTTPS.Enabled, MAU's LCID): ProfileCreator writes such a key
        // always, but a profile may leave it out.
        not_expressed(schema_, require->key_span,
                      fmt::format("pfm_require = 'always' at {}, which has a pfm_default: not required", path),
                      diagnostics_);
      } else if (require->value.string() == "always") {
        key.presence = schema::Presence::kRequired;
      } else {
        not_expressed(schema_, require->key_span,
                      fmt::format("pfm_require = '{}' at {}", require->value.string(), path), diagnostics_);
      }
    }
    key_platforms(dict, key, path);
    for (const ir::DictEntry& entry : dict.dict()) {
      if (is_read_here(entry.key) || is_presentation(entry.key) || platform_field(entry.key)) continue;
      unexpressed_field(entry, path);
    }
    if (const ir::DictEntry* subkeys = find_entry(dict, "pfm_subkeys")) children(*subkeys, key, path);
    repetition(dict, key);
    return key;
  }

  static bool is_read_here(std::string_view field) {
    static constexpr std::array<std::string_view, 13> kRead = {
        "pfm_name",       "pfm_type",      "pfm_title",      "pfm_description", "pfm_default",
        "pfm_range_list", "pfm_range_min", "pfm_range_max",  "pfm_format",      "pfm_require",
        "pfm_subkeys",    "pfm_platforms", "pfm_deprecated",
    };
    for (std::string_view read : kRead) {
      if (read == field) return true;
    }
    return field == "pfm_supervised" || field == "pfm_repetition_min" || field == "pfm_repetition_max" ||
           field == "pfm_range_list_allow_custom_value";
  }

  void children(const ir::DictEntry& subkeys, Key& key, const std::string& path) {
    if (!subkeys.value.is_array()) return invalid(subkeys.value.span, "'pfm_subkeys' must be an array");
    if (key.type != ValueType::kArray && key.type != ValueType::kDictionary) {
      if (key.type == ValueType::kAny) return;
      return not_expressed(schema_, subkeys.key_span,
                           fmt::format("pfm_subkeys on {}, a {}", path, schema::value_type_name(key.type)),
                           diagnostics_);
    }
    const Parent parent = key.type == ValueType::kArray ? Parent::kArray : Parent::kDictionary;
    for (const ir::Value& item : subkeys.value.array()) {
      if (!item.is_dict()) {
        invalid(item.span, "each item of 'pfm_subkeys' must be a dictionary");
        continue;
      }
      if (auto child = this->key(item, parent, path)) key.subkeys.push_back(std::move(*child));
    }
    if (parent == Parent::kDictionary) map_notation(subkeys, key, path);
    if (parent == Parent::kArray && key.subkeys.size() > 1) item_alternatives(subkeys, key, path);
  }

  // An array with several item definitions: Chrome's ManagedBookmarks lists
  // a bookmark ({name, url}) and the folder name ({toplevel_name}), either
  // of which an item may be. Dictionaries all: one item with the keys of
  // each (a key of two definitions as the first says). Anything else (a
  // table's columns, mixed types): an item of any type, not checked.
  void item_alternatives(const ir::DictEntry& subkeys, Key& key, const std::string& path) {
    std::vector<Key> definitions = std::move(key.subkeys);
    key.subkeys.clear();
    Key item;
    item.name = "item";
    const bool dictionaries = std::all_of(definitions.begin(), definitions.end(),
                                          [](const Key& k) { return k.type == ValueType::kDictionary; });
    if (dictionaries) {
      item.type = ValueType::kDictionary;
      for (Key& definition : definitions) {
        for (Key& child : definition.subkeys) {
          if (!find_key(item.subkeys, child.name)) item.subkeys.push_back(std::move(child));
        }
      }
      // A definition that takes any key makes the item take any key.
      const bool open = std::any_of(item.subkeys.begin(), item.subkeys.end(),
                                    [](const Key& k) { return k.is_any_name(); });
      if (open) item.subkeys.clear();
    } else {
      item.type = ValueType::kAny;
    }
    not_expressed(schema_, subkeys.key_span,
                  dictionaries ? fmt::format("the {} item definitions of the array {}, read as one dictionary with "
                                             "the keys of each",
                                             definitions.size(), path)
                               : fmt::format("the {} item definitions of the array {}, not all dictionaries: its items "
                                             "are not checked",
                                             definitions.size(), path),
                  diagnostics_);
    key.subkeys.push_back(std::move(item));
  }

  static const Key* find_key(const std::vector<Key>& keys, const std::string& name) {
    for (const Key& k : keys) {
      if (k.name == name) return &k;
    }
    return nullptr;
  }

  // ProfileCreator writes a map (keys chosen by the admin) two ways:
  // children named {{key}} (what the keys are) and {{value}} (what each
  // value is), as Defender's vendor IDs; or, as Microsoft AutoUpdate's
  // Applications, a few example entries, dictionaries of one shape, named
  // after real keys (app paths) that an admin extends. Both become one
  // definition for any key; allowed values that differ from one example
  // to the next say nothing of a new key's and are left out.
  void map_notation(const ir::DictEntry& subkeys, Key& key, const std::string& path) {
    std::vector<Key>& children = key.subkeys;
    const auto value = std::find_if(children.begin(), children.end(),
                                    [](const Key& k) { return k.name == "{{value}}"; });
    if (value != children.end()) {
      Key any = std::move(*value);
      any.name = std::string(schema::kAnyKeyName);
      children.clear();
      children.push_back(std::move(any));
      return;
    }
    if (children.size() < 2) return;
    // Examples are named as data an admin adds to (app paths, bundle
    // IDs); fixed names (Firefox's Permissions: Camera, Microphone,
    // Location, Notifications) are the keys themselves, each checked.
    if (std::none_of(children.begin(), children.end(), [](const Key& child) { return is_data_name(child.name); })) {
      return;
    }
    for (const Key& child : children) {
      if (child.type != ValueType::kDictionary || child.subkeys.empty() || child.is_any_name() ||
          !same_names(child.subkeys, children.front().subkeys)) {
        return;
      }
    }
    Key any = children.front();
    any.name = std::string(schema::kAnyKeyName);
    any.title.clear();
    any.description.clear();
    for (std::size_t i = 0; i < any.subkeys.size(); ++i) {
      for (const Key& example : children) {
        if (example.subkeys[i].allowed_values != any.subkeys[i].allowed_values) any.subkeys[i].allowed_values.clear();
        if (example.subkeys[i].default_value != any.subkeys[i].default_value) any.subkeys[i].default_value.reset();
      }
    }
    not_expressed(schema_, subkeys.key_span,
                  fmt::format("the {} dictionaries of one shape under {}, read as examples of a map: any key is "
                              "taken",
                              children.size(), path),
                  diagnostics_);
    children.clear();
    children.push_back(std::move(any));
  }

  // A name that is no identifier: it holds a character other than a
  // letter, digit, '_' or '-' ("/Applications/Microsoft Word.app").
  static bool is_data_name(const std::string& name) {
    return std::any_of(name.begin(), name.end(),
                       [](char c) { return !(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'); });
  }

  static bool same_names(const std::vector<Key>& a, const std::vector<Key>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a[i].name != b[i].name || a[i].type != b[i].type) return false;
    }
    return true;
  }

  // The type of a key definition without pfm_type: a dictionary when its
  // pfm_subkeys name their keys, an array when they do not, else any.
  static ValueType untyped_container(const ir::Value& dict) {
    const ir::DictEntry* subkeys = find_entry(dict, "pfm_subkeys");
    if (!subkeys || !subkeys->value.is_array() || subkeys->value.array().empty()) return ValueType::kAny;
    for (const ir::Value& item : subkeys->value.array()) {
      if (item.is_dict() && !find_entry(item, "pfm_name")) return ValueType::kArray;
    }
    return ValueType::kDictionary;
  }

  // pfm_repetition_min/max bound an array's length; the model keeps them on
  // the array's item.
  void repetition(const ir::Value& dict, Key& key) {
    for (std::string_view field : {"pfm_repetition_min", "pfm_repetition_max"}) {
      const ir::DictEntry* entry = find_entry(dict, field);
      if (!entry) continue;
      if (entry->value.kind() != ir::Value::Kind::kInteger) {
        invalid(entry->value.span, fmt::format("'{}' must be an integer", field));
        continue;
      }
      if (key.type != ValueType::kArray || key.subkeys.empty()) {
        not_expressed(schema_, entry->key_span,
                      fmt::format("{} on '{}', which is no array of defined items", field, key.name), diagnostics_);
        continue;
      }
      auto& bound = field == "pfm_repetition_min" ? key.subkeys.front().repetition_min
                                                  : key.subkeys.front().repetition_max;
      bound = entry->value.integer();
    }
  }

  // A list with a value of another type (an integer among strings, as
  // real manifests have) cannot be checked as it stands: rather than
  // reject a value the app accepts, none is checked.
  void allowed_values(const ir::DictEntry& list, Key& key, const std::string& path) {
    if (!list.value.is_array()) return invalid(list.value.span, "'pfm_range_list' must be an array");
    if (key.type == ValueType::kAny) return;
    std::vector<schema::Scalar> values;
    for (const ir::Value& item : list.value.array()) {
      auto scalar = scalar_of(item, key.type);
      if (!scalar) {
        not_expressed(schema_, item.span,
                      fmt::format("pfm_range_list at {}, with a value that is no {}: its values are not checked", path,
                                  schema::value_type_name(key.type)),
                      diagnostics_);
        return;
      }
      values.push_back(std::move(*scalar));
    }
    key.allowed_values = std::move(values);
  }

  // The key's own platforms and versions, on top of the manifest's.
  void key_platforms(const ir::Value& dict, Key& key, const std::string& path) {
    const std::vector<Platform> own = platform_list(dict, platforms_);
    for (Platform platform : platforms_) {
      if (std::find(own.begin(), own.end(), platform) == own.end()) {
        key.os[static_cast<std::size_t>(platform)].emplace().introduced = OsVersion::not_available();
      }
    }
    const bool deprecated = bool_field(dict, "pfm_deprecated", path);
    const bool supervised = bool_field(dict, "pfm_supervised", path);
    for (Platform platform : own) {
      auto introduced = version(dict, platform, "min");
      auto deprecated_in = version(dict, platform, "deprecated");
      if (deprecated && !deprecated_in) deprecated_in = OsVersion::since_first();
      if (!introduced && !deprecated_in && !supervised) continue;
      auto& facts = key.os[static_cast<std::size_t>(platform)];
      if (!facts) facts.emplace();
      if (introduced) facts->introduced = introduced;
      if (deprecated_in) facts->deprecated = deprecated_in;
      if (supervised) facts->supervised = true;
    }
  }

  std::vector<Platform> platform_list(const ir::Value& dict, std::vector<Platform> fallback) {
    const ir::DictEntry* entry = find_entry(dict, "pfm_platforms");
    if (!entry) return fallback;
    if (!entry->value.is_array()) return invalid(entry->value.span, "'pfm_platforms' must be an array"), fallback;
    std::vector<Platform> out;
    for (const ir::Value& item : entry->value.array()) {
      const auto platform = item.is_string() ? schema::platform_from_name(item.string()) : std::nullopt;
      if (!platform) {
        invalid(item.span, "a platform in 'pfm_platforms' must be one of iOS, macOS, tvOS, visionOS, watchOS");
        continue;
      }
      out.push_back(*platform);
    }
    return out;
  }

  // pfm_<platform>_<which>: "min" (introduced), "deprecated"; "max" is not
  // the version a key was removed in, so it is reported as unexpressed.
  std::optional<OsVersion> version(const ir::Value& dict, Platform platform, std::string_view which) {
    for (const PlatformPrefix& prefix : kPlatformPrefixes) {
      if (prefix.platform != platform) continue;
      const ir::DictEntry* entry = find_entry(dict, fmt::format("{}{}", prefix.prefix, which));
      if (!entry) return std::nullopt;
      // Left empty, as Edge's manifest leaves pfm_app_deprecated: no version.
      if (entry->value.is_string() && entry->value.string().empty()) return std::nullopt;
      auto parsed = entry->value.is_string() ? OsVersion::parse(entry->value.string()) : std::nullopt;
      if (!parsed || parsed->is_not_available()) {
        invalid(entry->value.span, fmt::format("'{}' must be an OS version such as \"13.0\"", entry->key));
        return std::nullopt;
      }
      return parsed;
    }
    return std::nullopt;
  }

  static bool platform_field(std::string_view field) {
    for (const PlatformPrefix& prefix : kPlatformPrefixes) {
      if (field == fmt::format("{}min", prefix.prefix) || field == fmt::format("{}deprecated", prefix.prefix)) {
        return true;
      }
    }
    return false;
  }

  void unexpressed_field(const ir::DictEntry& entry, const std::string& where) {
    not_expressed(schema_, entry.key_span, fmt::format("{} at {}", entry.key, where), diagnostics_);
  }

  // In any case: Firefox's manifest writes "Boolean", "String", ...
  static const TypeName* find_type(std::string_view name) {
    const auto same = [](std::string_view a, std::string_view b) {
      return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
             });
    };
    for (const TypeName& type : kTypes) {
      if (same(type.name, name)) return &type;
    }
    return nullptr;
  }

  // A plist scalar as a value of a key of `type`; nullopt when it is not one
  // (an integer stands for a real, as in the plists admins write).
  static std::optional<schema::Scalar> scalar_of(const ir::Value& value, ValueType type) {
    switch (type) {
      case ValueType::kString:
        if (value.is_string()) return schema::Scalar(value.string());
        break;
      case ValueType::kInteger:
        if (value.kind() == ir::Value::Kind::kInteger) return schema::Scalar(value.integer());
        break;
      case ValueType::kReal:
        if (value.kind() == ir::Value::Kind::kReal) return schema::Scalar(value.real());
        if (value.kind() == ir::Value::Kind::kInteger) return schema::Scalar(static_cast<double>(value.integer()));
        break;
      case ValueType::kBoolean:
        if (value.is_boolean()) return schema::Scalar(value.boolean());
        break;
      default: break;
    }
    return std::nullopt;
  }

  // pfm_range_min / pfm_range_max. Chrome's manifest writes one bound as a
  // string ("1800000"): the number it spells is taken; a bound that is no
  // number at all is a note and that side of the range is not checked
  // (one manifest's slip must not stop every run of a checkout).
  std::optional<double> bound_field(const ir::Value& dict, std::string_view field, const std::string& path) {
    const ir::DictEntry* entry = find_entry(dict, field);
    if (!entry) return std::nullopt;
    if (entry->value.kind() == ir::Value::Kind::kInteger) return static_cast<double>(entry->value.integer());
    if (entry->value.kind() == ir::Value::Kind::kReal) return entry->value.real();
    if (entry->value.is_string()) {
      if (auto number = number_in(entry->value.string())) {
        not_expressed(schema_, entry->value.span,
                      fmt::format("{} at {} written as a string: read as the number {}", field, path,
                                  entry->value.string()),
                      diagnostics_);
        return number;
      }
    }
    not_expressed(schema_, entry->value.span, fmt::format("{} at {} is no number: not checked", field, path),
                  diagnostics_);
    return std::nullopt;
  }

  // The whole of `text` as a decimal number ("1800000", "-1.5"); nullopt
  // for anything else ("", "7 days", "0x10").
  static std::optional<double> number_in(const std::string& text) {
    if (text.empty() || text.size() > 32) return std::nullopt;
    bool digit = false;
    bool point = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c == '.' && !point) {
        point = true;
      } else if (c != '-' || i != 0) {
        return std::nullopt;
      }
    }
    if (!digit) return std::nullopt;
    return std::strtod(text.c_str(), nullptr);
  }

  std::string string_field(const ir::Value& dict, std::string_view field) {
    const ir::DictEntry* entry = find_entry(dict, field);
    if (!entry) return {};
    if (!entry->value.is_string()) return invalid(entry->value.span, fmt::format("'{}' must be a string", field)), "";
    return entry->value.string();
  }

  // pfm_deprecated, pfm_supervised, ...: a flag. Edge's manifest writes
  // pfm_deprecated as an app version (<string>82</string>), which stopped
  // every run (PC0042); a flag that is no boolean is a note and not set.
  bool bool_field(const ir::Value& dict, std::string_view field, const std::string& where) {
    const ir::DictEntry* entry = find_entry(dict, field);
    if (!entry) return false;
    if (entry->value.is_boolean()) return entry->value.boolean();
    not_expressed(schema_, entry->value.span,
                  fmt::format("{} at {} is no boolean{}: not checked", field, where,
                              entry->value.is_string() ? fmt::format(" ('{}')", entry->value.string()) : ""),
                  diagnostics_);
    return false;
  }

  static const ir::DictEntry* find_entry(const ir::Value& dict, std::string_view name) {
    for (const ir::DictEntry& entry : dict.dict()) {
      if (entry.key == name) return &entry;
    }
    return nullptr;
  }

  void invalid(const SourceSpan& span, std::string message) {
    report(DiagnosticCode::PC0042, span, std::move(message));
  }
  void report(DiagnosticCode code, const SourceSpan& span, std::string message) {
    diagnostics_.report(code, span, std::move(message));
    failed_ = true;
  }

  schema::PayloadSchema& schema_;
  Diagnostics& diagnostics_;
  std::vector<Platform> platforms_;
  bool failed_ = false;
};

}  // namespace

std::optional<schema::PayloadSchema> read_profile_manifest(std::string_view text, const std::string& path,
                                                           Diagnostics& diagnostics) {
  const auto shared_path = std::make_shared<const std::string>(path);
  Diagnostics plist;
  auto root = read_xml_plist(text, shared_path, plist);
  for (const Diagnostic& d : plist.all()) {
    // The plist reader's syntax errors are the manifest's PC0040; its
    // warnings (a duplicate key, lenient XML) are kept as they are.
    if (d.severity == Severity::kError) {
      diagnostics.report(DiagnosticCode::PC0040, d.span, d.message, d.help);
    } else {
      diagnostics.mutable_all().push_back(d);
    }
  }
  if (!root) return std::nullopt;
  if (!root->is_dict()) {
    diagnostics.report(DiagnosticCode::PC0045, root->span, "a ProfileManifests manifest is a dictionary");
    return std::nullopt;
  }
  const ir::DictEntry* domain = nullptr;
  for (const ir::DictEntry& entry : root->dict()) {
    if (entry.key == "pfm_domain") domain = &entry;
  }
  if (!domain) {
    bool pfm = false;
    for (const ir::DictEntry& entry : root->dict()) pfm = pfm || entry.key.starts_with("pfm_");
    if (!pfm) {
      diagnostics.report(DiagnosticCode::PC0045, root->span,
                         "no pfm_* key: this plist is no ProfileManifests manifest");
    } else {
      diagnostics.report(DiagnosticCode::PC0041, root->span, "the manifest has no 'pfm_domain'",
                         "pfm_domain names the preference domain (payload type) the manifest describes");
    }
    return std::nullopt;
  }
  if (!domain->value.is_string() || domain->value.string().empty()) {
    diagnostics.report(DiagnosticCode::PC0042, domain->value.span, "'pfm_domain' must be a non-empty string");
    return std::nullopt;
  }
  schema::PayloadSchema schema;
  schema.source_path = path;
  schema.origin = "ProfileManifests";
  ManifestReader reader(schema, diagnostics);
  reader.top(*root, *domain);
  if (reader.failed()) return std::nullopt;
  return schema;
}

}  // namespace profilec::manifest
