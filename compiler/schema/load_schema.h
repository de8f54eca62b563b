// Schema and overlay files (TOML, formats in schemas/README.md) -> model.
// Strict: an unknown field, a wrong type or a dangling type reference is an
// error naming the file, line and column, never silently ignored.
#pragma once

#include <string>
#include <string_view>

#include "base/expected.h"
#include "schema/schema.h"

namespace profilec::schema {

struct SchemaError {
  std::string path;
  std::uint32_t line = 0;  // 0 when unknown
  std::uint32_t column = 0;
  std::string message;
};

Expected<PayloadSchema, SchemaError> load_schema(std::string_view text, const std::string& path);

// An overlay file; `payload_type` receives its `payloadtype` field.
Expected<Overlay, SchemaError> load_overlay(std::string_view text, const std::string& path, std::string& payload_type);

}  // namespace profilec::schema
