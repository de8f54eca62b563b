// PC1002 unknown-key: a key the payload's schema does not define.
//
// Within one edit (and a change of case) of a known key, or the same key in
// other letter case, it is a typo, and
// the device silently ignores the key (error). Otherwise it may be newer than
// the schema data (iOS 18.1 / macOS 15.1) or a key Apple removed: say so, as
// a warning, without calling it wrong (a looser match is only offered as a
// hint: real keys such as allowCloudFMM sit two edits from others).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>

#include "base/spelling.h"
#include "check/rules/rules.h"
#include "check/schema_errata.h"

namespace profilec::check::rules {
namespace {

// A known key written in other letter case (`payloaduuid`): always a typo,
// however many letters differ in case.
std::optional<std::string> same_but_for_case(std::string_view key, const std::vector<std::string>& names) {
  const auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
  for (const std::string& name : names) {
    if (name.size() == key.size() && std::equal(name.begin(), name.end(), key.begin(),
                                                [&](char a, char b) { return lower(a) == lower(b); })) {
      return name;
    }
  }
  return std::nullopt;
}

class UnknownKey final : public Rule {
 public:
  void check_dict(const DictVisit& visit, Diagnostics& diagnostics) const override {
    if (visit.fields.empty()) return;  // free-form dictionary
    std::vector<std::string> names;
    names.reserve(visit.fields.size());
    for (const FieldDef& f : visit.fields) names.push_back(f.key->name);
    const std::string owner = owner_name(visit.payload);
    const std::string where = visit.path.empty() ? owner : fmt::format("{} {}", owner, visit.path);
    for (const ir::DictEntry& entry : visit.dict.dict()) {
      if (std::find(names.begin(), names.end(), entry.key) != names.end() || !errata::known_good_key(visit.payload.payload.type, entry.key).empty()) continue;
      std::optional<std::string> typo = same_but_for_case(entry.key, names);
      if (!typo) typo = closest_spelling_within(entry.key, names, 1.5);
      if (typo) {
        diagnostics.report(DiagnosticCode::PC1002, entry.key_span,
                           fmt::format("unknown key '{}' in {}", entry.key, where),
                           fmt::format("did you mean '{}'? devices ignore keys they do not know", *typo));
        continue;
      }
      std::string help = "it may be newer than the data (iOS 18.1, macOS 15.1); devices that do not know it ignore it";
      if (auto hint = closest_spelling(entry.key, names)) help = fmt::format("did you mean '{}'? if not, {}", *hint, help);
      if (const std::string_view removed = errata::removed_key(visit.payload.payload.type, visit.path, entry.key); !removed.empty()) help = removed;
      Diagnostic& d = diagnostics.report(
          DiagnosticCode::PC1002, entry.key_span,
          fmt::format("key '{}' is not in Apple's schema data for {}", entry.key, where), std::move(help));
      d.severity = Severity::kWarning;
    }
  }
};

}  // namespace

const Rule& unknown_key() {
  static const UnknownKey rule;
  return rule;
}

}  // namespace profilec::check::rules
