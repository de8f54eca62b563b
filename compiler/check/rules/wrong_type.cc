// PC1003 wrong-type: a value whose plist type is not the schema's.
#include <fmt/format.h>

#include "check/rules/rules.h"
#include "diag/code_severities.h"

namespace profilec::check::rules {
namespace {

std::string_view how_to_write(schema::ValueType type) {
  switch (type) {
    case schema::ValueType::kBoolean: return "write true or false, without quotes";
    case schema::ValueType::kInteger: return "write a whole number, without quotes";
    case schema::ValueType::kReal: return "write a number with a decimal point, e.g. 5.0";
    case schema::ValueType::kString: return "write it as a quoted string";
    case schema::ValueType::kDate: return "write an offset date-time, e.g. 2026-01-01T00:00:00Z";
    case schema::ValueType::kData: return "write { base64 = \"...\" } or { file = \"...\" }";
    case schema::ValueType::kArray: return "write an array: [ ... ]";
    case schema::ValueType::kDictionary: return "write a table: { ... }";
    case schema::ValueType::kAny: break;
  }
  return "";
}

std::string with_article(schema::ValueType type) {
  const std::string_view name = schema::value_type_name(type);
  if (type == schema::ValueType::kData) return "data";
  if (type == schema::ValueType::kInteger || type == schema::ValueType::kArray) return fmt::format("an {}", name);
  return fmt::format("a {}", name);
}

// Apple documents some string fields as also taking an array of strings,
// where the schema data gives one type (a known gap of the data).
bool documented_polymorphism(const ValueVisit& visit) {
  const std::string& type = visit.payload.payload.type;
  if (type != "com.apple.security.scep" && type != "com.apple.security.acme") return false;
  const std::string& name = visit.key.name;
  if (name != "rfc822Name" && name != "dNSName" && name != "uniformResourceIdentifier") return false;
  if (!visit.value.is_array()) return false;
  for (const ir::Value& item : visit.value.array()) {
    if (!item.is_string()) return false;
  }
  return true;
}

// An <integer> 0/1 for a boolean, or an integer for a real and back: Apple's
// frameworks read all of these as numbers and many profiles in the wild rely
// on it, but a payload parser that checks types rejects them.
bool numeric_stand_in(const ValueVisit& visit) {
  using K = ir::Value::Kind;
  const K kind = visit.value.kind();
  switch (visit.key.type) {
    case schema::ValueType::kBoolean:
      return kind == K::kInteger && (visit.value.integer() == 0 || visit.value.integer() == 1);
    case schema::ValueType::kReal: return kind == K::kInteger;
    case schema::ValueType::kInteger: return kind == K::kReal;
    default: return false;
  }
}

class WrongType final : public Rule {
 public:
  void check_value(const ValueVisit& visit, Diagnostics& diagnostics) const override {
    if (visit.path.is_top_level_key("PayloadVersion")) return;  // PC1010 payload-version-type owns its type
    if (value_has_type(visit.value, visit.key.type) || documented_polymorphism(visit)) return;
    if (numeric_stand_in(visit)) {
      Diagnostic& d = diagnostics.report(
          DiagnosticCode::PC1003, visit.value.span,
          fmt::format("'{}' should be {}, found {}", visit.path, with_article(visit.key.type),
                      ir::kind_name(visit.value.kind())),
          fmt::format("Apple's frameworks usually read it as a number, but not every parser does; {}",
                      how_to_write(visit.key.type)));
      regrade(d, Severity::kWarning);
      return;
    }
    diagnostics.report(DiagnosticCode::PC1003, visit.value.span,
                       fmt::format("'{}' must be {}, found {}", visit.path, with_article(visit.key.type),
                                   ir::kind_name(visit.value.kind())),
                       std::string(how_to_write(visit.key.type)));
  }
};

}  // namespace

const Rule& wrong_type() {
  static const WrongType rule;
  return rule;
}

}  // namespace profilec::check::rules
