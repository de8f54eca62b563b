// A JSON Schema (draft-07) of the policy language with the payload schemas,
// for TOML editors that read JSON Schema (Taplo, VS Code's Even Better
// TOML): `profilec schema export --json-schema` (docs/json-schema.md).
//
// Built from the tables the parsers read (lang/profile_fields.def,
// lang/language_tables.h) and from the payload schemas, so it says what
// `profilec check` accepts. It is never stricter than check's errors: keys
// that `use` fragments supply are never required, a number stands in for
// another number type and 0/1 for a boolean (PC1003 warnings), payload
// types profilec does not know (custom preference domains) are open, and
// so are Apple's keys that the data lacks (PC1002 is a warning when no
// known key is close): a payload table takes any other key unless
// JsonSchemaOptions::refuse_unknown_keys, and nested dictionaries always
// do. The language's own tables ([profile]'s fields, [target],
// [fragment], the top level) are closed, as their parsers are.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "schema/schema_set.h"

namespace profilec {

// Which file a schema is for: a policy, or a fragment ([fragment] +
// [keys]). (profilec.toml has none yet: its fields are if-chains in
// project_config.cc, not a table to export.)
enum class JsonSchemaFor { kPolicy, kFragment };
std::optional<JsonSchemaFor> json_schema_for_from_name(std::string_view name);  // "policy", "fragment"

struct JsonSchemaOptions {
  // Refuse keys a payload's schema does not define (and Apple envelope keys
  // [profile] does not know), so a misspelt key is an error in the editor.
  // Off by default: Apple's data lacks keys that real profiles use, which
  // profilec reports as warnings (PC1002) but an editor would show as errors.
  bool refuse_unknown_keys = false;
};

// The schema as pretty-printed JSON, the same bytes for the same schemas.
std::string export_json_schema(JsonSchemaFor what, const schema::SchemaSet& schemas,
                               const JsonSchemaOptions& options = {});

}  // namespace profilec
