// schemas/ compiled into the binary at build time by tools/schema-compile:
// every schema with its overlay attached, checked, in the compact form of
// schema_codec.h.
#pragma once

#include <span>
#include <string_view>

namespace profilec::schema {

struct CompiledSchema {
  std::string_view payload_type;
  std::string_view bytes;  // encode_schema()
};

// Sorted by payload type.
std::span<const CompiledSchema> compiled_schemas();

}  // namespace profilec::schema
