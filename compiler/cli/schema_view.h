// `profilec schema list|show`: the schema facts as readable tables or JSON.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "schema/schema.h"
#include "schema/schema_set.h"

namespace profilec::cli {

// `kind`: kPayload (payload types) or kDeclaration (declaration types, with
// their class and apply mode).
std::string render_schema_list(const schema::SchemaSet& schemas, std::optional<schema::Platform> platform,
                               schema::SchemaKind kind = schema::SchemaKind::kPayload);
std::string render_schema_list_json(const schema::SchemaSet& schemas, std::optional<schema::Platform> platform,
                                    schema::SchemaKind kind = schema::SchemaKind::kPayload);

std::string render_schema(const schema::PayloadSchema& schema);
std::string render_schema_json(const schema::PayloadSchema& schema);

// One key, by dotted path ("EAPClientConfiguration.UserPassword").
// nullopt when the path names no key.
std::optional<std::string> render_key(const schema::PayloadSchema& schema, const std::string& path);
std::optional<std::string> render_key_json(const schema::PayloadSchema& schema, const std::string& path);

// When `path` names no key: the paths that do exist at the first segment
// that names none ("allowAirDrop", ... for "allowAirDorp";
// "EAPClientConfiguration.UserName", ... for "EAPClientConfiguration.Usr"),
// for "did you mean". Empty when the path names a key.
std::vector<std::string> key_path_candidates(const schema::PayloadSchema& schema, const std::string& path);

}  // namespace profilec::cli
