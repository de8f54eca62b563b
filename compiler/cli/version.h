// What `profilec --version` prints: the project's version and the Apple data
// release the embedded schemas were generated from (schemas/UPSTREAM, compiled
// in by tools/schema-compile), such as
//   profilec 0.2.0 (Apple device-management data RELEASE, COMMIT)
// with the release tag and the commit's first 7 hex digits.
#pragma once

#include <string>

namespace profilec::cli {

std::string version_text();

}  // namespace profilec::cli
