// A compact binary form of a loaded schema, so the embedded schemas cost
// microseconds to load instead of the milliseconds toml++ needs to parse
// them. The build compiles schemas/*.toml into this form
// (tools/schema-compile); --schema-dir files are still read as TOML. The
// manifest cache (manifest/manifest_cache.h) keeps parsed app manifests in
// it too.
//
// Not a file format: it is read only by the build that wrote it (the
// binary itself; the manifest cache records the build and ignores another's),
// so it has no versioning.
#pragma once

#include <string>
#include <string_view>

#include "schema/schema.h"

namespace profilec::schema {

std::string encode_schema(const PayloadSchema& schema);

// Throws std::runtime_error on malformed input (which only a build bug can
// produce).
PayloadSchema decode_schema(std::string_view bytes);
// The kind alone (the encoding's first field), without decoding the rest:
// listing the payload types must not decode every schema.
SchemaKind decode_schema_kind(std::string_view bytes);

}  // namespace profilec::schema
