// What `profilec --version` prints: the project's version and the Apple data
// release the embedded schemas were generated from (schemas/UPSTREAM, compiled
// in by tools/schema-compile), such as
//   profilec 0.2.0 (Apple device-management data RELEASE, COMMIT)
// with the release tag and the commit's first 7 hex digits.
#pragma once

#include <optional>
#include <string>

#include "base/file_system.h"

namespace profilec::cli {

std::string version_text();

// This very build of profilec: its version and its executable's stamp, so
// that a cache written by another build (whose manifest reader, schema
// codec or compiler may differ: the manifest cache, build's result cache)
// is never read. nullopt when the executable cannot be found: no cache then.
std::optional<std::string> program_identity(const FileSystem& files);

}  // namespace profilec::cli
