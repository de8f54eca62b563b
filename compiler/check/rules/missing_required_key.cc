// PC1008 missing-required-key: a key the schema marks required is absent.
#include <fmt/format.h>

#include "check/rules/rules.h"
#include "check/schema_errata.h"

namespace profilec::check::rules {
namespace {

class MissingRequiredKey final : public Rule {
 public:
  void check_dict(const DictVisit& visit, Diagnostics& diagnostics) const override {
    if (visit.payload.envelope) return;  // the envelope's required keys are PC1012's
    for (const FieldDef& field : visit.fields) {
      if (field.key->presence != schema::Presence::kRequired) continue;
      if (visit.dict.find(field.key->name) ||
          errata::not_required(visit.payload.payload.type, field.key->name,
                               [&](std::string_view k) { return visit.dict.find(k) != nullptr; }))
        continue;
      const std::string where = visit.path.empty() ? visit.payload.payload.type : fmt::format("'{}'", visit.path);
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
