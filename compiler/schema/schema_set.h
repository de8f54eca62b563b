// The payload schemas a run knows: the embedded copy of schemas/, plus any
// --schema-dir, whose files add payload types or replace embedded ones of the
// same payloadtype.
//
// Embedded schemas were compiled at build time (schema_codec.h) and are
// decoded on first use, so a run pays only for the payload types it meets.
// --schema-dir files are TOML, parsed and validated up front: a user's
// mistake there is reported before anything else runs.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/file_system.h"
#include "schema/key_path.h"
#include "schema/load_schema.h"
#include "schema/schema.h"

namespace profilec::schema {

class FieldIndexCache;

class SchemaSet {
 public:
  // The embedded schemas only.
  static SchemaSet embedded();

  SchemaSet(SchemaSet&&) noexcept;
  SchemaSet& operator=(SchemaSet&&) noexcept;
  ~SchemaSet();

  // Adds every schema under `dir` (*.toml, recursively) and every overlay
  // under `dir`/overlay/. Files are parsed and checked now; the first error
  // is returned with its file, line and column.
  std::optional<SchemaError> add_directory(const FileSystem& files, const std::string& dir);

  // Adds one schema read elsewhere (an app manifest, manifest/), replacing
  // any of the same payloadtype. The caller decides precedence.
  void add_schema(PayloadSchema schema);
  // The same, still encoded (schema_codec.h: the manifest cache's form):
  // decoded on first use, as the embedded ones are. `bytes` lie inside
  // `owner`, which the set keeps.
  void add_encoded_schema(std::string payload_type, std::shared_ptr<const void> owner, std::string_view bytes);
  // True when the payload type's schema is compiled into the binary (Apple's
  // data) and was not replaced.
  bool is_embedded(std::string_view payload_type) const;

  // The schema of a payload type (kind "payload"), nullptr when unknown.
  // Thread-safe; decodes on first use.
  const PayloadSchema* find(std::string_view payload_type) const;
  // Any schema by its payloadtype, including "TopLevel" and "CommonPayloadKeys".
  const PayloadSchema* find_any(std::string_view payload_type) const;
  const PayloadSchema& top_level() const;  // the profile envelope
  const PayloadSchema& common() const;     // keys every payload has

  // Payload types (kind "payload"), sorted.
  std::vector<std::string> payload_types() const;

  // The schema of a declaration type (kind "declaration"), nullptr when unknown.
  const PayloadSchema* find_declaration(std::string_view declaration_type) const;
  const PayloadSchema& declaration_base() const;  // keys every declaration has
  // Declaration types (kind "declaration"), sorted.
  std::vector<std::string> declaration_types() const;

  // What this set holds beyond the embedded schemas (each added schema in
  // its encoded form), as a SHA-256 (hex): two sets with the same
  // fingerprint, in the same build of profilec, check alike. Kept by the
  // build's result cache (project/result_cache.h).
  std::string fingerprint() const;

  // Parses everything now; the first error, if any. (`schema list`, tests.)
  std::optional<SchemaError> load_all() const;

  // The checker's field indexes of these schemas (field_index.h), made
  // once a run. Thread-safe.
  FieldIndexCache& field_indexes() const { return *field_indexes_; }

 private:
  struct Entry;
  SchemaSet();
  const PayloadSchema& load(const Entry& entry) const;
  const PayloadSchema* find_kind(std::string_view type, SchemaKind kind) const;
  std::vector<std::string> types_of_kind(SchemaKind kind) const;

  std::map<std::string, std::unique_ptr<Entry>, std::less<>> entries_;  // by payloadtype
  std::unique_ptr<FieldIndexCache> field_indexes_;
};

}  // namespace profilec::schema
