// How large a TOML file (policy, fragment, profilec.toml) profilec reads
// (docs/robustness.md, "Limits").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "diag/diagnostic.h"

namespace profilec::lang {

// A policy or fragment is a few KiB; the largest real ones, with
// certificates written inline as base64, stay well under 1 MiB. 8 MiB
// leaves room for any hand-written or generated file while a wrong file
// (a disk image, a log) is refused before it is read into memory. Data a
// profile carries belongs in `{ file = "..." }` values, which have the
// property-list limit (kMaxPlistBytes) instead.
inline constexpr std::uint64_t kMaxTomlBytes = std::uint64_t{8} * 1024 * 1024;

// A dotted key (`a.b.c`, also in a [table.header]) of more parts than this
// is refused before toml++ sees it: each part is a level of nesting, and a
// key of ~13,000 parts in a 26 KB file used to crash profilec (stack
// exhaustion) with memory growing quadratically below that. Real keys have
// a handful of parts; 128 parts stay far from any recursion limit even
// combined with a table header of as many and toml++'s 256 levels of
// inline tables and arrays.
inline constexpr std::size_t kMaxDottedKeyParts = 128;

// Reports PC0001 at the first key of more than kMaxDottedKeyParts parts and
// returns false; true when every key is within the limit. Reads the text
// once, in linear time, skipping strings and comments (a dot inside a
// quoted key part or a value string is not a separator).
bool check_dotted_key_parts(std::string_view text, const std::string& path, Diagnostics& diagnostics);

// Reports PC0001 for the whole file: it is `size` bytes, over kMaxTomlBytes.
void report_toml_too_large(const std::string& path, std::uint64_t size, Diagnostics& diagnostics);

}  // namespace profilec::lang
