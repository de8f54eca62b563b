// PC1015 legacy-key: a key that editors write into payloads and devices
// ignore (PayloadEnabled, which Profile Manager wrote for years), from the
// table in data/check/known-names.toml, each with its reason.
//
// A note, not PC1002's warning: the key is not a typo and not newer than
// Apple's data, and it changes nothing on the device. When it says a
// payload is off (PayloadEnabled false), the help says that devices install
// the payload anyway, which is what the author should know.
#include <fmt/format.h>

#include "check/known_names.h"
#include "check/rules/rules.h"

namespace profilec::check::rules {
namespace {

class LegacyKeyRule final : public Rule {
 public:
  void check_dict(const DictVisit& visit, Diagnostics& diagnostics) const override {
    if (!visit.top_level || visit.fields.empty()) return;  // free-form: nothing is unknown there
    const std::string& type = visit.payload.payload.type;
    for (const ir::DictEntry& entry : visit.dict.dict()) {
      // A field of the schema first: most keys are, and then the embedded
      // list is never parsed (a seventh of `check` of one policy, issue 22).
      if (is_field(visit, entry.key)) continue;
      const LegacyKey* legacy = known_names().legacy_key(type, entry.key);
      if (!legacy) continue;
      std::string help(legacy->why);
      if (entry.value.kind() == ir::Value::Kind::kBoolean && !entry.value.boolean()) {
        help += ": this payload is installed although the key says false";
      }
      diagnostics.report(DiagnosticCode::PC1015, entry.key_span,
                         fmt::format("'{}' is a legacy key that devices ignore", entry.key), std::move(help));
    }
  }

 private:
  static bool is_field(const DictVisit& visit, std::string_view key) { return visit.fields.find(key) != nullptr; }
};

}  // namespace

const Rule& legacy_key() {
  static const LegacyKeyRule rule;
  return rule;
}

}  // namespace profilec::check::rules
