// The schemas/ folder, compiled into the binary (generated at build time).
#pragma once

#include <span>

#include "base/embedded_file.h"

namespace profilec::schema {

// Every file of schemas/ (TopLevel.toml, CommonPayloadKeys.toml,
// payloads/*.toml, overlay/*.toml), sorted by path.
std::span<const EmbeddedFile> embedded_schema_files();

}  // namespace profilec::schema
