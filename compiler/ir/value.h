// The property-list value tree every later stage works on: what a
// .mobileconfig holds, with the source span each value came from.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "base/source_span.h"

namespace profilec::ir {

// A plist <date>: always UTC, whole seconds (what XML plists can hold).
struct Date {
  int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  friend bool operator==(const Date&, const Date&) = default;
};

// <data>: raw bytes.
struct Data {
  std::string bytes;
  friend bool operator==(const Data&, const Data&) = default;
};

// An <integer> above INT64_MAX (plists allow unsigned 64-bit values).
struct BigUnsigned {
  std::uint64_t value = 0;
  friend bool operator==(const BigUnsigned&, const BigUnsigned&) = default;
};

struct DictEntry;
struct Value;
using Array = std::vector<Value>;
using Dict = std::vector<DictEntry>;  // insertion order; writers sort by key

struct Value {
  enum class Kind { kBoolean, kInteger, kBigUnsigned, kReal, kString, kDate, kData, kArray, kDict };

  std::variant<bool, std::int64_t, BigUnsigned, double, std::string, Date, Data, Array, Dict> storage;
  SourceSpan span;
  // True for a string that came from an { env = } secret: never logged, and
  // a placeholder when the profile was lowered for checking only.
  bool secret = false;

  Kind kind() const { return static_cast<Kind>(storage.index()); }

  bool is_boolean() const { return kind() == Kind::kBoolean; }
  bool is_string() const { return kind() == Kind::kString; }
  bool is_dict() const { return kind() == Kind::kDict; }
  bool is_array() const { return kind() == Kind::kArray; }

  bool boolean() const { return std::get<bool>(storage); }
  std::int64_t integer() const { return std::get<std::int64_t>(storage); }
  double real() const { return std::get<double>(storage); }
  const std::string& string() const { return std::get<std::string>(storage); }
  const Date& date() const { return std::get<Date>(storage); }
  const Data& data() const { return std::get<Data>(storage); }
  const Array& array() const { return std::get<Array>(storage); }
  Array& array() { return std::get<Array>(storage); }
  const Dict& dict() const { return std::get<Dict>(storage); }
  Dict& dict() { return std::get<Dict>(storage); }

  // For dictionaries: the value under `key`, or nullptr.
  const Value* find(std::string_view key) const;
};

struct DictEntry {
  std::string key;
  SourceSpan key_span;
  Value value;
};

// "2026-06-30T12:00:00Z", the form XML plists use.
std::string format_date(const Date& date);

// The UTC date and time of a count of seconds since 1970-01-01T00:00:00Z.
Date date_from_unix_seconds(std::int64_t seconds);

// The plist element name of a kind: "true"/"false" are both "boolean" here.
std::string_view kind_name(Value::Kind kind);

Value make_boolean(bool v, SourceSpan span = {});
Value make_integer(std::int64_t v, SourceSpan span = {});
Value make_real(double v, SourceSpan span = {});
Value make_string(std::string v, SourceSpan span = {});
Value make_date(Date v, SourceSpan span = {});
Value make_data(std::string bytes, SourceSpan span = {});
Value make_array(Array items = {}, SourceSpan span = {});
Value make_dict(Dict entries = {}, SourceSpan span = {});

}  // namespace profilec::ir
