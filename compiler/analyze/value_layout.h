// A plist value in full, for a terminal (`profilec effective`): nested
// dictionaries and arrays are shown with every key and item (a PPPC
// `Services` dictionary, an array of dictionaries), on one line when that
// fits the width, else one entry a line, indented, each nested value laid
// out again the same way. Scalars read as in describe_value (value_compare.h):
// `false`, `4`, `"WPA2"`, a date, `<N bytes of data>`, `(secret)`.
#pragma once

#include <cstddef>
#include <string>

#include "ir/value.h"

namespace profilec::analyze {

// The whole value on one line: `{ Allowed = true, Identifier = "us.zoom" }`,
// `[1, 2]`, `{}`, `[]`. Strings are quoted with `"` and `\` escaped.
std::string inline_value(const ir::Value& value);

// The value laid out to `width` columns when it starts at column `used` of
// a line whose continuation lines are indented by `indent` columns. The
// first line carries no indent of its own (it continues the caller's line);
// no final newline. A scalar never breaks, so a long string can exceed the
// width; a container breaks when its one-line form would not fit in
// `width - used - reserve` (`reserve`: what the caller adds after the value
// on its last line).
std::string layout_value(const ir::Value& value, std::size_t width, std::size_t indent, std::size_t used,
                         std::size_t reserve = 0);

}  // namespace profilec::analyze
