#include "ir/value.h"

#include <fmt/format.h>

#include "base/civil_time.h"

namespace profilec::ir {

const Value* Value::find(std::string_view key) const {
  if (!is_dict()) return nullptr;
  for (const DictEntry& entry : dict()) {
    if (entry.key == key) return &entry.value;
  }
  return nullptr;
}

std::string format_date(const Date& d) {
  return format_utc(CivilTime{d.year, d.month, d.day, d.hour, d.minute, d.second});
}

Date date_from_unix_seconds(std::int64_t seconds) {
  const CivilTime t = civil_time_from_unix_seconds(seconds);
  return Date{t.year, t.month, t.day, t.hour, t.minute, t.second};
}

std::string_view kind_name(Value::Kind kind) {
  switch (kind) {
    case Value::Kind::kBoolean: return "boolean";
    case Value::Kind::kInteger:
    case Value::Kind::kBigUnsigned: return "integer";
    case Value::Kind::kReal: return "real";
    case Value::Kind::kString: return "string";
    case Value::Kind::kDate: return "date";
    case Value::Kind::kData: return "data";
    case Value::Kind::kArray: return "array";
    case Value::Kind::kDict: return "dictionary";
  }
  return "value";
}

namespace {
template <typename T>
Value make(T v, SourceSpan span) {
  Value value;
  value.storage = std::move(v);
  value.span = std::move(span);
  return value;
}
}  // namespace

Value make_boolean(bool v, SourceSpan span) { return make(v, std::move(span)); }
Value make_integer(std::int64_t v, SourceSpan span) { return make(v, std::move(span)); }
Value make_real(double v, SourceSpan span) { return make(v, std::move(span)); }
Value make_string(std::string v, SourceSpan span) { return make(std::move(v), std::move(span)); }
Value make_date(Date v, SourceSpan span) { return make(v, std::move(span)); }
Value make_data(std::string bytes, SourceSpan span) { return make(Data{std::move(bytes)}, std::move(span)); }
Value make_array(Array items, SourceSpan span) { return make(std::move(items), std::move(span)); }
Value make_dict(Dict entries, SourceSpan span) { return make(std::move(entries), std::move(span)); }

}  // namespace profilec::ir
