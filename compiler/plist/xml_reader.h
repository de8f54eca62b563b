// XML property list text -> IR value tree, with the line and column of every
// value and every dictionary key (1-based, columns in code points).
//
// The reader follows what Apple's CoreFoundation parser accepts (see
// docs/reading.md): <integer> in decimal or 0x hex with an optional sign,
// unsigned values above INT64_MAX as ir::BigUnsigned; <real> including
// nan/inf; <date> as YYYY-MM-DDTHH:MM:SSZ; <data> as base64, decoded as
// CoreFoundation's parseDataTag decodes it; strings byte for byte (CR LF
// stays CR LF); the five XML entities and character references, nothing
// else. Comments, processing instructions and the DOCTYPE are skipped; no
// entity a DOCTYPE declares is ever expanded and nothing external is ever
// read. A key set twice keeps its last value (PC0019). Input deeper than
// kMaxPlistDepth is refused before it is parsed.
//
// What CoreFoundation reads although XML 1.0 refuses it (curly quotes or
// other malformed attributes in the XML declaration, the DOCTYPE or a start
// tag; blanks before the XML declaration; content after the root element;
// <data> that is not standard base64; a <key> outside a <dict>) is read as
// CoreFoundation reads it, with a PC0024 lenient-plist warning.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "diag/diagnostic.h"
#include "ir/value.h"

namespace profilec {

// Returns the root value, or nullopt after reporting why the text is not a
// property list (PC0017 plist-syntax, PC0018 plist-limit). Warnings
// (PC0019, PC0024) are reported either way. `path` goes into every span.
std::optional<ir::Value> read_xml_plist(std::string_view text, const std::shared_ptr<const std::string>& path,
                                        Diagnostics& diagnostics);

}  // namespace profilec
