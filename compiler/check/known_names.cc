#include "check/known_names.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <utility>

#include <toml++/toml.h>

#include "base/embedded_files.h"
#include "check/data_reader.h"

PROFILEC_EMBEDDED_FILES(check_data_files)  // generated check_data_files.cc

namespace profilec::check {
namespace {

constexpr std::string_view kEmbeddedName = "known-names.toml";
constexpr std::string_view kEmbeddedPath = "data/check/known-names.toml";

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

using data::Reader;

KnownNames read_known_names(const Reader& r, const toml::table& root) {
  r.only_keys(root, {"preference_domain", "legacy_key", "declaration_types"});
  KnownNames names;
  std::set<std::string> domains;
  r.each_table(root, "preference_domain", [&](const toml::table& table) {
    r.only_keys(table, {"name", "what"});
    PreferenceDomain domain{r.string(table, "name"), r.string(table, "what")};
    if (!domains.insert(lower(domain.name)).second) {
      r.fail(table, fmt::format("preference domain '{}' is listed twice", domain.name));
    }
    names.preference_domains.push_back(std::move(domain));
  });
  std::set<std::pair<std::string, std::string>> keys;
  r.each_table(root, "legacy_key", [&](const toml::table& table) {
    r.only_keys(table, {"key", "payload_types", "why"});
    const toml::node* types = table.get("payload_types");
    if (!types) r.fail(table, "missing key 'payload_types'");
    LegacyKey key{r.string(table, "key"), r.strings(*types, "payload_types"), r.string(table, "why")};
    for (const std::string& type : key.payload_types) {
      if (!keys.emplace(type, key.key).second) {
        r.fail(table, fmt::format("legacy key '{}' is listed twice for '{}'", key.key, type));
      }
    }
    names.legacy_keys.push_back(std::move(key));
  });
  if (const toml::node* node = root.get("declaration_types")) {
    names.declaration_types = r.strings(*node, "declaration_types");
    std::set<std::string> seen;
    for (const std::string& type : names.declaration_types) {
      if (!seen.insert(type).second) r.fail(*node, fmt::format("declaration type '{}' is listed twice", type));
    }
  }
  return names;
}

}  // namespace

const PreferenceDomain* KnownNames::preference_domain(std::string_view name) const {
  const std::string wanted = lower(name);
  for (const PreferenceDomain& domain : preference_domains) {
    if (lower(domain.name) == wanted) return &domain;
  }
  return nullptr;
}

const LegacyKey* KnownNames::legacy_key(std::string_view payload_type, std::string_view key) const {
  for (const LegacyKey& legacy : legacy_keys) {
    if (legacy.key != key) continue;
    for (const std::string& type : legacy.payload_types) {
      if (type == "*" || type == payload_type) return &legacy;
    }
  }
  return nullptr;
}

bool KnownNames::is_declaration_type(std::string_view type) const {
  return std::find(declaration_types.begin(), declaration_types.end(), type) != declaration_types.end();
}

Expected<KnownNames, std::string> parse_known_names(std::string_view text, const std::string& path) {
  return data::parse_file<KnownNames>(text, path, [](const Reader& reader, const toml::table& root) {
    return read_known_names(reader, root);
  });
}

const KnownNames& known_names() {
  static const KnownNames names = [] {
    for (std::size_t i = 0; i < embedded::check_data_files_count; ++i) {
      if (embedded::check_data_files[i].first != kEmbeddedName) continue;
      auto parsed = parse_known_names(embedded::check_data_files[i].second, std::string(kEmbeddedPath));
      // The unit tests parse the same text and fail on an error; a broken
      // list here means fewer names known, never a crash.
      if (parsed) return std::move(parsed).value();
    }
    return KnownNames{};
  }();
  return names;
}

}  // namespace profilec::check
