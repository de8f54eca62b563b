#include "check/check.h"

#include "check/walk.h"

namespace profilec::check {

void check_profile(const ir::Profile& profile, const schema::SchemaSet& schemas, Diagnostics& diagnostics) {
  walk_profile(profile, schemas, all_rules(), diagnostics);
}

std::string owner_name(const PayloadVisit& visit) {
  return visit.envelope ? "the profile's top level" : visit.payload.type;
}

bool value_has_type(const ir::Value& value, schema::ValueType type) {
  using K = ir::Value::Kind;
  switch (type) {
    case schema::ValueType::kAny: return true;
    case schema::ValueType::kString: return value.kind() == K::kString;
    case schema::ValueType::kInteger: return value.kind() == K::kInteger || value.kind() == K::kBigUnsigned;
    case schema::ValueType::kReal: return value.kind() == K::kReal;
    case schema::ValueType::kBoolean: return value.kind() == K::kBoolean;
    case schema::ValueType::kDate: return value.kind() == K::kDate;
    case schema::ValueType::kData: return value.kind() == K::kData;
    case schema::ValueType::kArray: return value.kind() == K::kArray;
    case schema::ValueType::kDictionary: return value.kind() == K::kDict;
  }
  return false;
}

}  // namespace profilec::check
