#include "schema/schema_set.h"

#include <fmt/format.h>

#include <stdexcept>

#include "base/sha256.h"
#include "schema/compiled_schemas.h"
#include "schema/field_index.h"
#include "schema/schema_codec.h"

namespace profilec::schema {

struct SchemaSet::Entry {
  std::string_view bytes;             // encoded (embedded or cached): decoded on first use
  std::shared_ptr<const void> owner;  // holds `bytes` when they are not the binary's
  bool embedded = false;
  mutable std::once_flag once;
  mutable std::unique_ptr<PayloadSchema> schema;  // decoded, or loaded up front from --schema-dir
};

SchemaSet::SchemaSet() : field_indexes_(std::make_unique<FieldIndexCache>()) {}
SchemaSet::~SchemaSet() = default;
SchemaSet::SchemaSet(SchemaSet&&) noexcept = default;
SchemaSet& SchemaSet::operator=(SchemaSet&&) noexcept = default;

SchemaSet SchemaSet::embedded() {
  SchemaSet set;
  for (const CompiledSchema& compiled : compiled_schemas()) {
    auto entry = std::make_unique<Entry>();
    entry->bytes = compiled.bytes;
    entry->embedded = true;
    set.entries_.emplace(std::string(compiled.payload_type), std::move(entry));
  }
  return set;
}

const PayloadSchema& SchemaSet::load(const Entry& entry) const {
  std::call_once(entry.once, [&] {
    if (!entry.schema) entry.schema = std::make_unique<PayloadSchema>(decode_schema(entry.bytes));
  });
  return *entry.schema;
}

const PayloadSchema* SchemaSet::find_kind(std::string_view type, SchemaKind kind) const {
  const PayloadSchema* schema = find_any(type);
  return schema && schema->kind == kind ? schema : nullptr;
}

const PayloadSchema* SchemaSet::find(std::string_view payload_type) const {
  return find_kind(payload_type, SchemaKind::kPayload);
}

const PayloadSchema* SchemaSet::find_declaration(std::string_view declaration_type) const {
  return find_kind(declaration_type, SchemaKind::kDeclaration);
}

const PayloadSchema* SchemaSet::find_any(std::string_view payload_type) const {
  const auto it = entries_.find(payload_type);
  return it == entries_.end() ? nullptr : &load(*it->second);
}

const PayloadSchema& SchemaSet::top_level() const { return load(*entries_.at("TopLevel")); }
const PayloadSchema& SchemaSet::common() const { return load(*entries_.at("CommonPayloadKeys")); }
const PayloadSchema& SchemaSet::declaration_base() const { return load(*entries_.at("DeclarationBase")); }

void SchemaSet::add_schema(PayloadSchema schema) {
  auto entry = std::make_unique<Entry>();
  std::string type = schema.payload_type;
  entry->schema = std::make_unique<PayloadSchema>(std::move(schema));
  entries_[std::move(type)] = std::move(entry);
}

void SchemaSet::add_encoded_schema(std::string payload_type, std::shared_ptr<const void> owner,
                                   std::string_view bytes) {
  auto entry = std::make_unique<Entry>();
  entry->bytes = bytes;
  entry->owner = std::move(owner);
  entries_[std::move(payload_type)] = std::move(entry);
}

std::string SchemaSet::fingerprint() const {
  std::string text;
  for (const auto& [type, entry] : entries_) {
    if (entry->embedded) continue;
    text += type;
    text += '\0';
    // Those added decoded (add_schema) have no bytes; a schema decoded
    // since from its bytes is read from them.
    if (!entry->bytes.empty()) text += entry->bytes;
    else if (entry->schema) text += encode_schema(*entry->schema);
    text += '\0';
  }
  return sha256_hex(text);
}

bool SchemaSet::is_embedded(std::string_view payload_type) const {
  const auto it = entries_.find(payload_type);
  return it != entries_.end() && it->second->embedded;
}

std::vector<std::string> SchemaSet::types_of_kind(SchemaKind kind) const {
  std::vector<std::string> out;
  for (const auto& [type, entry] : entries_) {
    // A schema not yet decoded says its kind in its first bytes: an unknown
    // payload type's "did you mean" lists the types without decoding all
    // of them (5.5 M instructions and 600 page faults a run).
    const SchemaKind of = entry->bytes.empty() ? load(*entry).kind : decode_schema_kind(entry->bytes);
    if (of == kind) out.push_back(type);
  }
  return out;
}

std::vector<std::string> SchemaSet::payload_types() const { return types_of_kind(SchemaKind::kPayload); }
std::vector<std::string> SchemaSet::declaration_types() const { return types_of_kind(SchemaKind::kDeclaration); }

std::optional<SchemaError> SchemaSet::load_all() const {
  for (const auto& [type, entry] : entries_) {
    try {
      load(*entry);
    } catch (const std::runtime_error& error) {
      return SchemaError{type, 0, 0, error.what()};
    }
  }
  return std::nullopt;
}

std::optional<SchemaError> SchemaSet::add_directory(const FileSystem& files, const std::string& dir) {
  field_indexes_->clear();  // they may point into schemas replaced below
  auto listed = files.list_files(dir);
  if (!listed) return SchemaError{listed.error().path, 0, 0, listed.error().message};
  const std::string overlay_prefix = join_path(dir, "overlay") + "/";
  std::vector<std::pair<std::string, Overlay>> overlays;
  auto install = [&](PayloadSchema schema) { add_schema(std::move(schema)); };
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
    // A replaced type keeps its embedded overlay unless the folder has its own.
    if (const PayloadSchema* old = find_any(schema->payload_type)) schema->overlay = old->overlay;
    schema->origin = "profilec schema";
    install(std::move(*schema));
  }
  for (auto& [type, overlay] : overlays) {
    const PayloadSchema* target = find_any(type);
    if (!target) {
      return SchemaError{overlay.source_path, 1, 1, fmt::format("overlay for unknown payload type '{}'", type)};
    }
    PayloadSchema updated = *target;
    updated.overlay = std::move(overlay);
    if (auto problem = validate_overlay(updated)) return SchemaError{updated.overlay.source_path, 0, 0, *problem};
    install(std::move(updated));
  }
  return std::nullopt;
}

}  // namespace profilec::schema
