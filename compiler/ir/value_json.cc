#include "ir/value_json.h"

#include <string>

#include "base/base64.h"

namespace profilec::ir {

void value_json(JsonWriter& json, const Value& value) {
  if (value.secret) {
    json.begin_object().member("secret", true).end_object();
    return;
  }
  switch (value.kind()) {
    case Value::Kind::kBoolean: json.value(value.boolean()); return;
    case Value::Kind::kInteger: json.value(value.integer()); return;
    case Value::Kind::kBigUnsigned: json.value(std::to_string(std::get<BigUnsigned>(value.storage).value)); return;
    case Value::Kind::kReal: json.value(value.real()); return;
    case Value::Kind::kString: json.value(std::string_view(value.string())); return;
    case Value::Kind::kDate: {
      json.value(std::string_view(format_date(value.date())));
      return;
    }
    case Value::Kind::kData: {
      const std::string encoded = encode_base64(value.data().bytes);
      json.begin_object().member("base64", std::string_view(encoded)).end_object();
      return;
    }
    case Value::Kind::kArray:
      json.begin_array();
      for (const Value& item : value.array()) value_json(json, item);
      json.end_array();
      return;
    case Value::Kind::kDict:
      json.begin_object();
      for (const DictEntry& entry : value.dict()) {
        json.key(entry.key);
        value_json(json, entry.value);
      }
      json.end_object();
      return;
  }
}

}  // namespace profilec::ir
