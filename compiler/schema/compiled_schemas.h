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

// The Apple data release the schemas were generated from, as
// schemas/UPSTREAM records it (every embedded schema came from its commit:
// tools/schema-compile checks).
struct UpstreamRelease {
  std::string_view repository;  // "apple/device-management"
  std::string_view release;     // the upstream tag, "Release_iOS-<version>_macOS-<version>"
  std::string_view commit;      // 40 hex digits
};
UpstreamRelease upstream_release();

}  // namespace profilec::schema
