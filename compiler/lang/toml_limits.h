// How large a TOML file (policy, fragment, profilec.toml) profilec reads
// (docs/robustness.md, "Limits").
#pragma once

#include <cstdint>
#include <string>

#include "diag/diagnostic.h"

namespace profilec::lang {

// A policy or fragment is a few KiB; the largest real ones, with
// certificates written inline as base64, stay well under 1 MiB. 8 MiB
// leaves room for any hand-written or generated file while a wrong file
// (a disk image, a log) is refused before it is read into memory. Data a
// profile carries belongs in `{ file = "..." }` values, which have the
// property-list limit (kMaxPlistBytes) instead.
inline constexpr std::uint64_t kMaxTomlBytes = 8u * 1024 * 1024;

// Reports PC0001 for the whole file: it is `size` bytes, over kMaxTomlBytes.
void report_toml_too_large(const std::string& path, std::uint64_t size, Diagnostics& diagnostics);

}  // namespace profilec::lang
