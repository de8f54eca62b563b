// How import spells plist scalars and keys in TOML 1.0, exactly: every value
// written here reads back (through toml++ and lowering) as the same plist
// value. The caller makes sure strings are valid UTF-8.
#pragma once

#include <string>
#include <string_view>

#include "ir/value.h"

namespace profilec::import {

// A key as written before `=` or in a table header: bare when it is only
// letters, digits, '-' and '_', else a quoted basic string.
std::string toml_key(std::string_view key);

// "..." with the escapes TOML requires (quote, backslash, control
// characters); '...' (a literal string, no escapes) for text with quotes or
// backslashes that has no ' and no control character.
std::string toml_string(std::string_view text);

// For a string with line breaks: """ on its own line, then the text with its
// line feeds kept as line breaks (the newline right after the opening
// delimiter is not part of the value) and everything else escaped as in
// toml_string, so a CR stays a CR.
std::string toml_multiline_string(std::string_view text);

// The shortest text that reads back as exactly `value`, always with a '.' or
// an exponent so TOML reads a float: 1.0, 0.1, 1e+300, -0.0. `value` must be
// finite.
std::string toml_float(double value);

// 2026-06-30T12:00:00Z: an offset date-time in UTC.
std::string toml_date(const ir::Date& date);

}  // namespace profilec::import
