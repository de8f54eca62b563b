#include "analyze/value_compare.h"

#include <fmt/format.h>

namespace profilec::analyze {

bool same_value(const ir::Value& a, const ir::Value& b) {
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case ir::Value::Kind::kArray: {
      const ir::Array& x = a.array();
      const ir::Array& y = b.array();
      if (x.size() != y.size()) return false;
      for (std::size_t i = 0; i < x.size(); ++i) {
        if (!same_value(x[i], y[i])) return false;
      }
      return true;
    }
    case ir::Value::Kind::kDict: {
      const ir::Dict& x = a.dict();
      if (x.size() != b.dict().size()) return false;
      for (const ir::DictEntry& entry : x) {
        const ir::Value* other = b.find(entry.key);
        if (!other || !same_value(entry.value, *other)) return false;
      }
      return true;
    }
    case ir::Value::Kind::kBoolean: return a.boolean() == b.boolean();
    case ir::Value::Kind::kInteger: return a.integer() == b.integer();
    case ir::Value::Kind::kBigUnsigned:
      return std::get<ir::BigUnsigned>(a.storage) == std::get<ir::BigUnsigned>(b.storage);
    case ir::Value::Kind::kReal: return a.real() == b.real();
    case ir::Value::Kind::kString: return a.string() == b.string();
    case ir::Value::Kind::kDate: return a.date() == b.date();
    case ir::Value::Kind::kData: return a.data() == b.data();
  }
  return false;
}

std::string describe_value(const ir::Value& value) {
  if (value.secret) return "(secret)";
  switch (value.kind()) {
    case ir::Value::Kind::kBoolean: return value.boolean() ? "true" : "false";
    case ir::Value::Kind::kInteger: return fmt::format("{}", value.integer());
    case ir::Value::Kind::kBigUnsigned: return fmt::format("{}", std::get<ir::BigUnsigned>(value.storage).value);
    case ir::Value::Kind::kReal: return fmt::format("{}", value.real());
    case ir::Value::Kind::kString: return fmt::format("\"{}\"", value.string());
    case ir::Value::Kind::kDate: return ir::format_date(value.date());
    case ir::Value::Kind::kData: return fmt::format("<{} bytes of data>", value.data().bytes.size());
    case ir::Value::Kind::kArray: {
      std::string out = "[";
      const ir::Array& items = value.array();
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (i == 4) {
          out += fmt::format(", ... {} more", items.size() - 4);
          break;
        }
        if (i) out += ", ";
        out += describe_value(items[i]);
      }
      return out + "]";
    }
    case ir::Value::Kind::kDict: return fmt::format("{{ {} keys }}", value.dict().size());
  }
  return "?";
}

}  // namespace profilec::analyze
