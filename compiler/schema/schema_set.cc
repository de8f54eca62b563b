#include "schema/schema_set.h"

#include <fmt/format.h>

#include <stdexcept>

#include "schema/embedded_schemas.h"

namespace profilec::schema {

struct SchemaSet::Entry {
  std::string path;
  std::string_view text;        // embedded: parse on first use
  std::string overlay_path;
  std::string_view overlay_text;
  mutable std::once_flag once;
  mutable std::unique_ptr<PayloadSchema> schema;  // set on first use, or up front for --schema-dir
  std::unique_ptr<Overlay> overlay;               // a --schema-dir overlay, parsed up front
};

namespace {

// `payloadtype = "..."` as the generator and overlay authors write it, found
// without parsing the file.
std::optional<std::string> scan_payload_type(std::string_view text) {
  constexpr std::string_view kField = "payloadtype = \"";
  std::size_t at = 0;
  while ((at = text.find(kField, at)) != std::string_view::npos) {
    if (at == 0 || text[at - 1] == '\n') {
      const std::size_t begin = at + kField.size();
      const std::size_t end = text.find('"', begin);
      if (end == std::string_view::npos) return std::nullopt;
      return std::string(text.substr(begin, end - begin));
    }
    at += kField.size();
  }
  return std::nullopt;
}

bool is_overlay_path(std::string_view path) { return path.rfind("overlay/", 0) == 0; }

const Key* find_key(const std::vector<Key>& keys, std::string_view name) {
  for (const Key& key : keys) {
    if (key.name == name) return &key;
  }
  return nullptr;
}

}  // namespace

SchemaSet::~SchemaSet() = default;
SchemaSet::SchemaSet(SchemaSet&&) noexcept = default;
SchemaSet& SchemaSet::operator=(SchemaSet&&) noexcept = default;

SchemaSet SchemaSet::embedded() {
  SchemaSet set;
  std::map<std::string, const EmbeddedFile*> overlays;
  for (const EmbeddedFile& file : embedded_schema_files()) {
    auto type = scan_payload_type(file.text);
    if (!type) throw std::runtime_error(fmt::format("embedded schema {} has no payloadtype", file.path));
    if (is_overlay_path(file.path)) {
      overlays[*type] = &file;
      continue;
    }
    auto entry = std::make_unique<Entry>();
    entry->path = "schemas/" + std::string(file.path);
    entry->text = file.text;
    set.entries_[*type] = std::move(entry);
  }
  for (const auto& [type, file] : overlays) {
    const auto it = set.entries_.find(type);
    if (it == set.entries_.end()) throw std::runtime_error(fmt::format("overlay {} has no schema", file->path));
    it->second->overlay_path = "schemas/" + std::string(file->path);
    it->second->overlay_text = file->text;
  }
  return set;
}

const PayloadSchema& SchemaSet::load(const Entry& entry) const {
  std::call_once(entry.once, [&] {
    if (entry.schema) return;  // --schema-dir: loaded up front
    auto loaded = load_schema(entry.text, entry.path);
    if (!loaded) {
      const SchemaError& e = loaded.error();
      throw std::runtime_error(fmt::format("embedded schema {}:{}:{}: {}", e.path, e.line, e.column, e.message));
    }
    auto schema = std::make_unique<PayloadSchema>(std::move(*loaded));
    if (entry.overlay) {
      schema->overlay = *entry.overlay;
    } else if (!entry.overlay_text.empty()) {
      std::string type;
      auto overlay = load_overlay(entry.overlay_text, entry.overlay_path, type);
      if (!overlay) {
        const SchemaError& e = overlay.error();
        throw std::runtime_error(fmt::format("embedded overlay {}:{}:{}: {}", e.path, e.line, e.column, e.message));
      }
      schema->overlay = std::move(*overlay);
    }
    entry.schema = std::move(schema);
  });
  return *entry.schema;
}

const PayloadSchema* SchemaSet::find(std::string_view payload_type) const {
  const auto it = entries_.find(payload_type);
  if (it == entries_.end()) return nullptr;
  const PayloadSchema& schema = load(*it->second);
  return schema.kind == SchemaKind::kPayload ? &schema : nullptr;
}

const PayloadSchema* SchemaSet::find_any(std::string_view payload_type) const {
  const auto it = entries_.find(payload_type);
  return it == entries_.end() ? nullptr : &load(*it->second);
}

const PayloadSchema& SchemaSet::top_level() const { return load(*entries_.at("TopLevel")); }
const PayloadSchema& SchemaSet::common() const { return load(*entries_.at("CommonPayloadKeys")); }

std::vector<std::string> SchemaSet::payload_types() const {
  std::vector<std::string> out;
  for (const auto& [type, entry] : entries_) {
    if (type != "TopLevel" && type != "CommonPayloadKeys") out.push_back(type);
  }
  return out;
}

std::optional<SchemaError> SchemaSet::load_all() const {
  for (const auto& [type, entry] : entries_) {
    try {
      load(*entry);
    } catch (const std::runtime_error& error) {
      return SchemaError{entry->path, 0, 0, error.what()};
    }
  }
  return std::nullopt;
}

std::optional<SchemaError> SchemaSet::add_directory(const FileSystem& files, const std::string& dir) {
  auto listed = files.list_files(dir);
  if (!listed) return SchemaError{listed.error().path, 0, 0, listed.error().message};
  const std::string overlay_prefix = join_path(dir, "overlay") + "/";
  std::vector<std::pair<std::string, Overlay>> overlays;
  for (const std::string& path : *listed) {
    if (path.size() < 5 || path.substr(path.size() - 5) != ".toml") continue;
    auto text = files.read_file(path);
    if (!text) return SchemaError{path, 0, 0, text.error().message};
    if (path.rfind(overlay_prefix, 0) == 0) {
      std::string type;
      auto overlay = load_overlay(*text, path, type);
      if (!overlay) return overlay.error();
      overlays.emplace_back(type, std::move(*overlay));
      continue;
    }
    auto schema = load_schema(*text, path);
    if (!schema) return schema.error();
    auto entry = std::make_unique<Entry>();
    entry->path = path;
    // Keep the embedded overlay of a replaced type unless the directory has its own.
    if (const auto old = entries_.find(schema->payload_type); old != entries_.end()) {
      entry->overlay_path = old->second->overlay_path;
      entry->overlay_text = old->second->overlay_text;
    }
    const std::string type = schema->payload_type;
    entry->schema = std::make_unique<PayloadSchema>(std::move(*schema));
    entries_[type] = std::move(entry);
  }
  for (auto& [type, overlay] : overlays) {
    const auto it = entries_.find(type);
    if (it == entries_.end()) {
      return SchemaError{overlay.source_path, 1, 1, fmt::format("overlay for unknown payload type '{}'", type)};
    }
    it->second->overlay = std::make_unique<Overlay>(std::move(overlay));
    it->second->overlay_text = {};
    if (it->second->schema) it->second->schema->overlay = *it->second->overlay;
  }
  // Validate the overlays of everything this directory touched.
  for (const auto& [type, entry] : entries_) {
    if (!entry->schema && !entry->overlay) continue;
    const PayloadSchema& schema = load(*entry);
    if (auto problem = validate_overlay(schema)) {
      return SchemaError{schema.overlay.source_path.empty() ? entry->path : schema.overlay.source_path, 0, 0,
                         *problem};
    }
  }
  return std::nullopt;
}

const Key* resolve_path(const PayloadSchema& schema, const KeyPath& path) {
  // The top level: a variant's keys over the plain groups' keys.
  const Key* key = nullptr;
  if (!path.variant.empty()) {
    for (const Group& group : schema.groups) {
      if (group.variant == path.variant) key = find_key(group.keys, path.segments.front());
    }
  }
  if (!key) {
    const auto defs = schema.top_level(path.segments.front());
    if (!defs.empty()) key = defs.front().second;
  }
  for (std::size_t i = 1; key && i < path.segments.size(); ++i) {
    // Arrays are transparent: step to the item, then look in its fields.
    while (key->type == ValueType::kArray) {
      const auto& item = schema.children(*key);
      if (item.empty()) return nullptr;
      key = &item.front();
    }
    key = find_key(schema.children(*key), path.segments[i]);
  }
  return key;
}

std::optional<std::string> validate_overlay(const PayloadSchema& schema) {
  const Overlay& overlay = schema.overlay;
  auto missing = [&](const KeyPath& path) {
    return fmt::format("overlay path '{}' is not a key of {}", path.text(), schema.payload_type);
  };
  for (const CombineFact& fact : overlay.combine) {
    const Key* key = resolve_path(schema, fact.path);
    if (!key) return missing(fact.path);
    const bool fits = fact.rule == CombineRule::kNone ||
                      ((fact.rule == CombineRule::kBooleanAnd || fact.rule == CombineRule::kBooleanOr) &&
                       key->type == ValueType::kBoolean) ||
                      ((fact.rule == CombineRule::kNumberMin || fact.rule == CombineRule::kNumberMax) &&
                       (key->type == ValueType::kInteger || key->type == ValueType::kReal)) ||
                      ((fact.rule == CombineRule::kSetUnion || fact.rule == CombineRule::kSetIntersection) &&
                       key->type == ValueType::kArray);
    if (!fits) {
      return fmt::format("combine rule {} does not fit '{}', a {}", combine_rule_name(fact.rule), fact.path.text(),
                         value_type_name(key->type));
    }
  }
  for (const SecretFact& fact : overlay.secrets) {
    if (!resolve_path(schema, fact.path)) return missing(fact.path);
  }
  for (const ReferenceFact& fact : overlay.references) {
    if (!resolve_path(schema, fact.path)) return missing(fact.path);
  }
  return std::nullopt;
}

}  // namespace profilec::schema
