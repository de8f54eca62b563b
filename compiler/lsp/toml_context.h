// Where the cursor is in a TOML buffer that may not parse (the user is in
// the middle of typing): which table header is above it, which keys of
// inline tables and arrays enclose it, and whether a header, a key or a
// value is being written. Line-based and tolerant: it reads only the
// buffer from the header above the cursor to the cursor.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "lsp/text_document.h"

namespace profilec::lsp {

struct TomlContext {
  enum class Place { kHeader, kKey, kValue };
  Place place = Place::kKey;
  // The header above the cursor, split into keys: [payload.wifi] ->
  // {"payload", "wifi"}; empty before any header.
  std::vector<std::string> table;
  std::size_t table_line = 0;  // 0-based line of that header (0 when none)
  // Keys of the inline tables and arrays around the cursor, outermost
  // first, inside the statement being written: `a = { b = [ {` -> {"a", "b"}.
  std::vector<std::string> nested;
  // kValue: the key whose value is being written (the last part of a
  // dotted key); also set for the items of an array value.
  std::string key;
  bool in_string = false;        // the cursor is inside a quoted string
  bool in_array = false;         // kValue: inside an array value of `key`
  std::string prefix;            // the partial word before the cursor
  std::size_t prefix_start = 0;  // its byte offset in the document
};

TomlContext toml_context(const TextDocument& document, std::size_t offset);

// The value of `key = "..."` directly in the table whose header is at
// `table_line` (before the next header); empty when there is none.
std::string table_string_value(const TextDocument& document, std::size_t table_line, std::string_view key);

// The 0-based line of the header [payload.NAME] at or above line `from`,
// where a sub-table's payload `type` is; nullopt when none.
std::optional<std::size_t> payload_header_line(const TextDocument& document, const std::string& name, std::size_t from);

// The key or string at `offset`: the word (bare key characters, or a quoted
// string's contents) around it, and where it starts; empty when none.
struct WordAt {
  std::string text;
  std::size_t begin = 0;
  std::size_t end = 0;
  bool quoted = false;
};
WordAt word_at(const TextDocument& document, std::size_t offset);

}  // namespace profilec::lsp
