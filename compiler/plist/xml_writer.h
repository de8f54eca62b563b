// IR value -> XML property list text, byte-stable: keys sorted bytewise,
// tabs for indentation, shortest round-trip reals, base64 in 68-column lines.
//
// We write XML ourselves rather than through libplist 2.2's writer, which
// emits control characters raw (not well-formed XML) and prints unsigned
// integers above INT64_MAX as negative numbers.
#pragma once

#include <string>

#include "base/expected.h"
#include "base/source_span.h"
#include "ir/value.h"

namespace profilec {

struct PlistWriteError {
  SourceSpan span;      // the offending value
  std::string message;  // e.g. "string contains the control character U+0001"
};

Expected<std::string, PlistWriteError> write_xml_plist(const ir::Value& root);

}  // namespace profilec
