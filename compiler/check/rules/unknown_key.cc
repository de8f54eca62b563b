// PC1002 unknown-key: a key the payload's schema does not define.
//
// Within one edit (and a change of case) of a known key, or the same key in
// other letter case, it is a typo, and
// the device silently ignores the key (error). Otherwise it is a warning,
// whose help says the key may be newer than the schema data (iOS 18.1 /
// macOS 15.1) only where that is plausible (plausibly_newer below);
// elsewhere it says what devices do. Against an app manifest (not Apple's
// data) such a key is a note. A looser match is only offered as a
// hint: real keys such as allowCloudFMM sit two edits from others. Keys
// that editors write and devices ignore (PayloadEnabled) are PC1015's.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include "base/spelling.h"
#include "check/known_names.h"
#include "check/rules/payload_keys.h"
#include "check/rules/rules.h"
#include "check/schema_errata.h"
#include "diag/code_severities.h"
#include "diag/fixes.h"

namespace profilec::check::rules {
namespace {

// Apple still adds keys to a payload when a key of it (or the payload
// itself) came with iOS 17 / macOS 14 or later: the two releases before the
// data's snapshot.
bool recent(const schema::OsFacts& os) {
  const auto at_least = [&](schema::Platform platform, std::string_view version) {
    const auto& facts = os[static_cast<std::size_t>(platform)];
    return facts && facts->introduced && !facts->introduced->is_not_available() &&
           *facts->introduced >= *schema::OsVersion::parse(version);
  };
  return at_least(schema::Platform::kIOS, "17.0") || at_least(schema::Platform::kMacOS, "14.0");
}

bool has_recent_key(const std::vector<schema::Key>& keys) {
  return std::any_of(keys.begin(), keys.end(),
                     [](const schema::Key& key) { return recent(key.os) || has_recent_key(key.subkeys); });
}

bool still_growing(const schema::PayloadSchema& schema) {
  for (const schema::Group& group : schema.groups) {
    if (recent(group.os) || has_recent_key(group.keys)) return true;
  }
  return std::any_of(schema.types.begin(), schema.types.end(),
                     [](const schema::NamedType& type) { return has_recent_key(type.keys); });
}

// A key that may be newer than Apple's data: named as the dictionary's own
// keys are (letters and digits, the same case of the first letter as most of
// them, not a Payload* key, not capitals throughout), in a payload Apple
// still extends. Anything else
// (Disk Sleep Timer-boolean, a key of a payload untouched for years) is not
// a newer key, and saying so would send the admin looking for one.
bool plausibly_newer(const DictVisit& visit, std::string_view key) {
  if (key.empty() || key.starts_with("Payload") ||
      !std::all_of(key.begin(), key.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); })) {
    return false;
  }
  // NONEXISTENT, PLACEHOLDER: capitals throughout are no one's key naming
  // (short acronyms such as EAP or DNS are).
  if (key.size() > 4 &&
      std::none_of(key.begin(), key.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)); })) {
    return false;
  }
  std::size_t lower = 0;
  for (const FieldDef& f : visit.fields) {
    if (!f.key->name.empty() && std::islower(static_cast<unsigned char>(f.key->name.front()))) ++lower;
  }
  const bool mostly_lower = 2 * lower > visit.fields.size();
  if (static_cast<bool>(std::islower(static_cast<unsigned char>(key.front()))) != mostly_lower) return false;
  return visit.payload.schema && still_growing(*visit.payload.schema);
}

// A known key written in other letter case (`payloaduuid`): always a typo,
// however many letters differ in case.
std::optional<std::string> same_but_for_case(std::string_view key, const std::vector<std::string>& names) {
  const auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
  for (const std::string& name : names) {
    if (name.size() == key.size() &&
        std::equal(name.begin(), name.end(), key.begin(), [&](char a, char b) { return lower(a) == lower(b); })) {
      return name;
    }
  }
  return std::nullopt;
}

bool is_envelope_key(const schema::SchemaSet& schemas, std::string_view key) {
  for (const schema::Group& group : schemas.top_level().groups) {
    for (const schema::Key& k : group.keys) {
      if (k.name == key) return true;
    }
  }
  return false;
}

// Within this distance of a known key, an unknown key is a typo (error).
constexpr double kTypoDistance = 1.5;

// Whether `entry`'s key may be renamed where it is written (check --fix):
// in policy source, not a .mobileconfig (check never rewrites one); not to
// a name the dictionary already holds (the rename would make a duplicate
// key); not a key holding a table or tables, which TOML may name in
// several places (two headers, two dotted keys) that one rename would
// split.
bool renamable(const DictVisit& visit, const ir::DictEntry& entry) {
  if (visit.payload.profile.read_from_plist) return false;
  const ir::Value& value = entry.value;
  if (value.is_dict()) return false;
  if (value.is_array()) {
    const auto& items = value.array();
    if (std::any_of(items.begin(), items.end(), [](const ir::Value& item) { return item.is_dict(); })) return false;
  }
  return true;
}

// Two keys of one dictionary renamed to the same name would make a
// duplicate key: neither is renamed.
void drop_colliding_renames(Diagnostics& diagnostics, std::size_t first_finding) {
  auto& all = diagnostics.mutable_all();
  std::map<std::string, int> renamed_to;
  for (std::size_t i = first_finding; i < all.size(); ++i) {
    for (const DiagnosticFix& fix : all[i].fixes) ++renamed_to[fix.replacement];
  }
  for (std::size_t i = first_finding; i < all.size(); ++i) {
    std::erase_if(all[i].fixes, [&](const DiagnosticFix& fix) { return renamed_to[fix.replacement] > 1; });
  }
}

class UnknownKey final : public Rule {
 public:
  void check_dict(const DictVisit& visit, Diagnostics& diagnostics) const override {
    if (visit.fields.empty()) return;  // free-form dictionary
    const std::vector<std::string>& names = visit.fields.names();
    const std::string& type = visit.payload.payload.type;
    // Named in findings only: made for the first one.
    std::string where;
    const auto place = [&]() -> const std::string& {
      if (where.empty()) {
        const std::string owner = owner_name(visit.payload);
        where = visit.path.empty() ? owner : fmt::format("{} {}", owner, visit.path);
      }
      return where;
    };
    const std::size_t first_finding = diagnostics.all().size();
    for (const ir::DictEntry& entry : visit.dict.dict()) {
      if (visit.fields.find(entry.key) != nullptr || !errata::known_good_key(type, entry.key).empty()) continue;
      if (visit.top_level && known_names().legacy_key(type, entry.key)) continue;  // PC1015
      // A bare payload at the top level (PC1013) also stands for the
      // profile: its envelope keys (PayloadScope, ...) are where they belong.
      if (visit.top_level && visit.payload.profile.payloads.empty() &&
          payload_keys::is_checked_as_payload(visit.payload.profile) &&
          is_envelope_key(visit.payload.schemas, entry.key)) {
        continue;
      }
      std::optional<std::string> typo = same_but_for_case(entry.key, names);
      if (!typo) typo = closest_spelling_within(entry.key, names, kTypoDistance);
      if (typo) {
        Diagnostic& d = diagnostics.report(DiagnosticCode::PC1002, entry.key_span,
                                           fmt::format("unknown key '{}' in {}", entry.key, place()),
                                           fmt::format("did you mean '{}'? devices ignore keys they do not know",
                                                       *typo));
        if (renamable(visit, entry)) {
          auto certain = certain_spelling(entry.key, names, kTypoDistance);
          if (certain && !visit.dict.find(*certain)) attach(d, key_rename_fix(entry.key_span, entry.key, *certain));
        }
        continue;
      }
      // An app schema (docs/app-schemas.md) is not Apple's data: name it.
      const schema::PayloadSchema* app = visit.payload.schema;
      const bool from_app = app != nullptr && !app->origin.empty() &&
                            !visit.payload.schemas.is_embedded(app->payload_type);
      std::string help = from_app ? fmt::format("a typo, or a key newer than the manifest ({})", app->source_path)
                         : plausibly_newer(visit, entry.key)
                             ? "it may be newer than the data (iOS 18.1, macOS 15.1); devices that do not know it "
                               "ignore it"
                             : "devices ignore keys they do not know; check the name in Apple's documentation";
      const auto hint = closest_spelling(entry.key, names);
      if (hint) help = fmt::format("did you mean '{}'? if not, {}", *hint, help);
      if (const std::string_view removed = errata::removed_key(type, visit.path, entry.key); !removed.empty()) {
        help = removed;
      }
      const std::string data = from_app ? fmt::format("the {} schema", app->origin) : "Apple's schema data";
      Diagnostic& d = diagnostics.report(DiagnosticCode::PC1002, entry.key_span,
                                         fmt::format("key '{}' is not in {} for {}", entry.key, data, place()),
                                         std::move(help));
      // An app manifest lags its app (ProfileManifests' are written by
      // hand, often releases behind), so a key it does not list, and that
      // is not near one it lists, is most often a real newer key: a note,
      // not a warning (docs/app-schemas.md, "What the checks say").
      regrade(d, from_app && !hint ? Severity::kNote : Severity::kWarning);
    }
    drop_colliding_renames(diagnostics, first_finding);
  }
};

}  // namespace

const Rule& unknown_key() {
  static const UnknownKey rule;
  return rule;
}

}  // namespace profilec::check::rules
