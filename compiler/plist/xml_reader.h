// XML property list text -> IR value tree, with the line and column of every
// value and every dictionary key (1-based, columns in code points).
//
// The reader follows what Apple's CoreFoundation parser accepts (see
// docs/reading.md): <integer> in decimal or 0x hex with an optional sign,
// unsigned values above INT64_MAX as ir::BigUnsigned; <real> including
// nan/inf; <date> as YYYY-MM-DDTHH:MM:SSZ; <data> as base64 (characters
// outside the alphabet are skipped, as Apple does, with a warning); the five
// XML entities and character references, nothing else. Comments, processing
// instructions and the DOCTYPE are skipped; no entity a DOCTYPE declares is
// ever expanded and nothing external is ever read. A key set twice keeps
// its last value (PC0019). Input deeper than kMaxPlistDepth is refused
// before it is parsed.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "diag/diagnostic.h"
#include "ir/value.h"

namespace profilec {

// Returns the root value, or nullopt after reporting why the text is not a
// property list (PC0017 plist-syntax, PC0018 plist-limit). Warnings are
// reported either way. `path` goes into every span.
std::optional<ir::Value> read_xml_plist(std::string_view text, const std::shared_ptr<const std::string>& path,
                                        Diagnostics& diagnostics);

}  // namespace profilec
