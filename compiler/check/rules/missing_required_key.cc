// PC1008 missing-required-key: a key the schema marks required is absent.
#include <fmt/format.h>

#include "check/rules/rules.h"

namespace profilec::check::rules {
namespace {

// Keys Apple's data marks required that working profiles leave out: each
// with the reason. `unless` names a sibling key whose presence makes the key
// optional (empty: never required).
struct NotRequired {
  std::string_view payload_type, key, unless, why;
};
constexpr NotRequired kNotRequired[] = {
    {"com.apple.TCC.configuration-profile-policy", "Allowed", "Authorization",
     "since macOS 11 an entry may give Authorization instead of Allowed"},
    {"com.apple.screensaver", "moduleName", "",
     "profiles that only set the password prompt or idle time (CIS, NIST mSCP) omit it and work"},
};

bool exempt(const DictVisit& visit, const schema::Key& key) {
  for (const NotRequired& n : kNotRequired) {
    if (n.payload_type != visit.payload.payload.type || n.key != key.name) continue;
    if (n.unless.empty() || visit.dict.find(n.unless)) return true;
  }
  return false;
}

class MissingRequiredKey final : public Rule {
 public:
  void check_dict(const DictVisit& visit, Diagnostics& diagnostics) const override {
    for (const FieldDef& field : visit.fields) {
      if (field.key->presence != schema::Presence::kRequired) continue;
      if (visit.dict.find(field.key->name) || exempt(visit, *field.key)) continue;
      const std::string where =
          visit.path.empty() ? visit.payload.payload.type : fmt::format("'{}'", visit.path);
      diagnostics.report(DiagnosticCode::PC1008, visit.top_level ? visit.payload.payload.span : visit.dict.span,
                         fmt::format("{} has no '{}', which is required", where, field.key->name),
                         fmt::format("add {} ({})", field.key->name, schema::value_type_name(field.key->type)));
    }
  }
};

}  // namespace

const Rule& missing_required_key() {
  static const MissingRequiredKey rule;
  return rule;
}

}  // namespace profilec::check::rules
