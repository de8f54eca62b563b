// Binary property lists ("bplist00") -> IR value tree, through libplist.
//
// libplist 2.2 recurses once per nesting level with no limit and expands
// objects shared between containers once per reference, so the structure
// is checked here first (offset table, references in range, no cycles, at
// most kMaxPlistDepth levels and kMaxPlistValues values once expanded)
// before libplist sees the bytes. A binary file has no lines: every span is
// the whole file. Integers above INT64_MAX come back from libplist 2.2 as
// negative numbers (its API does not tell them apart); a known limit.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "diag/diagnostic.h"
#include "ir/value.h"

namespace profilec {

// True when `bytes` start with "bplist", the binary plist magic, whatever
// the two version characters after it: read_binary_plist then says which
// version it is when it is not "00", rather than the file being read as XML.
bool is_binary_plist(std::string_view bytes);

// Returns the root value, or nullopt after reporting why (PC0017, PC0018;
// PC0017 "unsupported binary property list version" for a header other
// than "bplist00").
std::optional<ir::Value> read_binary_plist(std::string_view bytes, const std::shared_ptr<const std::string>& path,
                                           Diagnostics& diagnostics);

}  // namespace profilec
