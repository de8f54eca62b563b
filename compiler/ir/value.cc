#include "ir/value.h"

#include <fmt/format.h>

namespace profilec::ir {

const Value* Value::find(std::string_view key) const {
  if (!is_dict()) return nullptr;
  for (const DictEntry& entry : dict()) {
    if (entry.key == key) return &entry.value;
  }
  return nullptr;
}

std::string format_date(const Date& d) {
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", d.year, d.month, d.day, d.hour, d.minute, d.second);
}

// Howard Hinnant's civil_from_days.
Date date_from_unix_seconds(std::int64_t seconds) {
  std::int64_t days = seconds / 86400;
  std::int64_t rest = seconds % 86400;
  if (rest < 0) {
    rest += 86400;
    days -= 1;
  }
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  Date out;
  out.year = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2));
  out.month = static_cast<int>(m);
  out.day = static_cast<int>(d);
  out.hour = static_cast<int>(rest / 3600);
  out.minute = static_cast<int>(rest / 60 % 60);
  out.second = static_cast<int>(rest % 60);
  return out;
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
