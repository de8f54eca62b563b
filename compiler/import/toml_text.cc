#include "import/toml_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace profilec::import {
namespace {

bool is_bare_key_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

// Appends `c` to `out`, escaped where a TOML basic string needs it. Line
// feeds are escaped unless `keep_line_feeds`.
void append_escaped(std::string& out, char c, bool keep_line_feeds) {
  switch (c) {
    case '"': out += "\\\""; return;
    case '\\': out += "\\\\"; return;
    case '\b': out += "\\b"; return;
    case '\t': out += "\\t"; return;
    case '\n': out += keep_line_feeds ? "\n" : "\\n"; return;
    case '\f': out += "\\f"; return;
    case '\r': out += "\\r"; return;
    default: break;
  }
  const auto byte = static_cast<unsigned char>(c);
  if (byte < 0x20 || byte == 0x7F) out += fmt::format("\\u{:04X}", byte);
  else out += c;
}

}  // namespace

std::string toml_key(std::string_view key) {
  bool bare = !key.empty();
  for (char c : key) bare = bare && is_bare_key_char(c);
  return bare ? std::string(key) : toml_string(key);
}

std::string toml_string(std::string_view text) {
  // 'literal' reads better than "escaped" for text full of quotes or
  // backslashes (code requirements, regular expressions, Windows paths),
  // and holds it as is where it has no ' and no control character.
  const bool needs_escapes = text.find_first_of("\"\\") != std::string_view::npos;
  const bool literal_ok = std::none_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return c == '\'' || byte < 0x20 || byte == 0x7F;
  });
  if (needs_escapes && literal_ok) return fmt::format("'{}'", text);
  std::string out = "\"";
  for (char c : text) append_escaped(out, c, /*keep_line_feeds=*/false);
  out += '"';
  return out;
}

std::string toml_multiline_string(std::string_view text) {
  std::string out = "\"\"\"\n";
  for (char c : text) append_escaped(out, c, /*keep_line_feeds=*/true);
  out += "\"\"\"";
  return out;
}

std::string toml_float(double value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  std::string out(buffer, static_cast<std::size_t>(result.ptr - buffer));
  if (out.find_first_of(".e") == std::string::npos) out += ".0";
  return out;
}

std::string toml_date(const ir::Date& date) { return ir::format_date(date); }

}  // namespace profilec::import
