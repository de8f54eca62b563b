#include "ir/declaration.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/base64.h"
#include "base/json_writer.h"
#include "ir/profile.h"
#include "ir/uuid.h"

namespace profilec::ir {
namespace {

void write_value(JsonWriter& json, const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kBoolean: json.value(value.boolean()); break;
    case Value::Kind::kInteger: json.value(value.integer()); break;
    case Value::Kind::kBigUnsigned: json.value(static_cast<double>(std::get<BigUnsigned>(value.storage).value)); break;
    case Value::Kind::kReal: json.value(value.real()); break;
    case Value::Kind::kString: json.value(value.string()); break;
    case Value::Kind::kDate: json.value(format_date(value.date())); break;
    case Value::Kind::kData: json.value(encode_base64(value.data().bytes)); break;
    case Value::Kind::kArray:
      json.begin_array();
      for (const Value& item : value.array()) write_value(json, item);
      json.end_array();
      break;
    case Value::Kind::kDict: {
      std::vector<const DictEntry*> sorted;
      sorted.reserve(value.dict().size());
      for (const DictEntry& entry : value.dict()) sorted.push_back(&entry);
      std::stable_sort(sorted.begin(), sorted.end(),
                       [](const DictEntry* a, const DictEntry* b) { return a->key < b->key; });
      json.begin_object();
      for (const DictEntry* entry : sorted) {
        json.key(entry->key);
        write_value(json, entry->value);
      }
      json.end_object();
      break;
    }
  }
}

std::string canonical_content(const Declaration& declaration) {
  JsonWriter json(/*pretty=*/false);
  json.begin_object();
  json.key("Payload");
  write_value(json, declaration.payload);
  json.member("Type", declaration.type);
  json.end_object();
  return json.str();
}

}  // namespace

std::string derived_declaration_identifier(std::string_view output_name, std::string_view name) {
  return format_uuid(uuid_v5(profilec_namespace(), fmt::format("declaration:{}:{}", output_name, name)));
}

std::string declaration_server_token(const Declaration& declaration) {
  return format_uuid(uuid_v5(profilec_namespace(), "server-token:" + canonical_content(declaration)));
}

std::string declaration_to_json(const Declaration& declaration) {
  JsonWriter json;
  json.begin_object();
  json.member("Identifier", declaration.identifier);
  json.key("Payload");
  write_value(json, declaration.payload);
  json.member("ServerToken", declaration_server_token(declaration));
  json.member("Type", declaration.type);
  json.end_object();
  return json.str();  // JsonWriter ends it with a newline
}

bool holds_secret(const Declaration& declaration) { return holds_secret(declaration.payload); }

}  // namespace profilec::ir
