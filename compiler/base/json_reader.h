// A small strict JSON reader (RFC 8259): UTF-8 only, \u escapes with
// surrogate pairs, no trailing commas or comments, a depth and a size limit.
// Every value keeps its line and column (1-based, columns in code points, as
// base/source_span.h counts them), so a reader of declaration files can point
// at the value it refuses. Errors say what was seen and where.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/expected.h"
#include "base/source_span.h"

namespace profilec {

struct JsonMember;

class JsonValue {
 public:
  enum class Kind { kNull, kBool, kInteger, kDouble, kString, kArray, kObject };

  Kind kind = Kind::kNull;
  bool boolean = false;
  std::int64_t integer = 0;  // kInteger: a number without fraction or exponent that fits
  double number = 0;         // kDouble, and kInteger's value as a double
  std::string string;
  std::vector<JsonValue> items;     // kArray
  std::vector<JsonMember> members;  // kObject, in document order
  SourcePosition position;          // where the value starts

  bool is_null() const { return kind == Kind::kNull; }
  bool is_string() const { return kind == Kind::kString; }
  bool is_object() const { return kind == Kind::kObject; }
  bool is_array() const { return kind == Kind::kArray; }
  bool is_number() const { return kind == Kind::kInteger || kind == Kind::kDouble; }

  // The member named `name` of an object (the last, if repeated), or
  // nullptr (also when this is no object).
  const JsonValue* find(std::string_view name) const;
  // Shorthands for optional members of an expected kind: the fallback when
  // the member is missing or of another kind.
  std::string_view string_or(std::string_view name, std::string_view fallback = {}) const;
  std::int64_t integer_or(std::string_view name, std::int64_t fallback) const;
  bool bool_or(std::string_view name, bool fallback) const;
};

struct JsonMember {
  std::string name;
  JsonValue value;
  SourcePosition name_position;  // where the name's opening quote is
};

struct JsonLimits {
  std::size_t max_bytes = std::size_t{64} << 20;
  std::size_t max_depth = 256;
};

struct JsonError {
  std::size_t offset = 0;  // in bytes from the start of the text
  SourcePosition position;
  std::string message;  // "expected ',' or '}' after an object member, found 'x'"
};

Expected<JsonValue, JsonError> read_json(std::string_view text, const JsonLimits& limits = {});

}  // namespace profilec
