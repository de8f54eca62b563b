// Making untrusted bytes safe to hand to a consumer that expects text: a
// JSON parser (which rejects invalid UTF-8) or a log viewer (which acts on
// control characters).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace profilec {

enum class ControlCharacters {
  kKeep,                     // only invalid UTF-8 is replaced
  kReplaceExceptWhitespace,  // C0 (but tab, LF, CR), DEL and C1 controls are replaced too
};

// `text` with every invalid UTF-8 sequence (and, if asked, every control
// character) replaced by U+FFFD, one replacement per offending byte or code
// point. Valid text comes back unchanged.
std::string valid_utf8(std::string_view text, ControlCharacters controls = ControlCharacters::kKeep);

// The first character XML 1.0 cannot carry, not even as a character
// reference (C0 controls but tab, LF and CR; U+FFFE, U+FFFF), or nullopt.
std::optional<std::uint32_t> first_xml_forbidden_character(std::string_view text);

// The length in bytes of the well-formed UTF-8 sequence that `text` starts
// with (1 to 4), or 0 when it starts with none or is empty (Unicode 15,
// table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF).
std::size_t utf8_sequence_length(std::string_view text);

// True when `text` is well-formed UTF-8.
bool is_valid_utf8(std::string_view text);

}  // namespace profilec
