#include "lang/parse_policy.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "base/pattern.h"
#include "base/spelling.h"
#include "lang/language_tables.h"
#include "lang/profile_fields.h"
#include "lang/toml_reader.h"

namespace profilec::lang {

const std::vector<std::string>& profile_omittable() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> out(kGeneratedEnvelopeKeys.begin(), kGeneratedEnvelopeKeys.end());
    out.insert(out.end(), {"PayloadOrganization", "PayloadContent"});
    return out;
  }();
  return keys;
}

namespace {

// What a payload's `omit` may name: the keys lowering generates.
const std::vector<std::string> kPayloadOmittableNames(kPayloadOmittable.begin(), kPayloadOmittable.end());

class PolicyParser {
 public:
  PolicyParser(const std::string& path, Diagnostics& diagnostics)
      : path_(path), diagnostics_(diagnostics), reader_(diagnostics) {}

  PolicyFile parse(const toml::table& root) {
    PolicyFile file;
    file.path = path_;
    for (const auto& [key, node] : in_source_order(root)) {
      const std::string name(key->str());
      if (name == "profile") {
        if (const toml::table* table = reader_.expect_table(*key, *node)) file.profile = parse_profile(*table, *key);
      } else if (name == "target") {
        if (const toml::table* table = reader_.expect_table(*key, *node)) file.target = reader_.target(*table, *key);
      } else if (name == "payload") {
        if (const toml::table* table = reader_.expect_table(*key, *node)) parse_payloads(*table, file.payloads);
      } else if (name == "declaration") {
        if (const toml::table* table = reader_.expect_table(*key, *node))
          parse_payloads(*table, file.declarations, true);
      } else {
        reader_.unknown(DiagnosticCode::PC0002, *key, fmt::format("unknown top-level table '{}'", name),
                        {kTopLevelTables.begin(), kTopLevelTables.end()},
                        "a policy has [profile], [target], [payload.<name>] and [declaration.<name>] tables");
      }
    }
    // A policy of declarations only (docs/ddm.md) builds no profile.
    const bool declarations_only = !file.declarations.empty() && file.payloads.empty();
    if (!file.profile && !declarations_only) {
      diagnostics_.report(DiagnosticCode::PC0005, file_start_span(root, path_), "missing [profile] table",
                          "add a [profile] table with at least id = \"com.example.name\"");
    }
    return file;
  }

 private:
  // One field of [profile] (lang/profile_fields.def), read as its kind says;
  // `out` stays empty when the value is wrong (reported).
  template <ProfileFieldKind kKind>
  void read_field(std::string_view name, const toml::key& key, const toml::node& node,
                  std::optional<typename ProfileFieldMember<kKind>::Type>& out) {
    using enum ProfileFieldKind;
    if constexpr (kKind == kIdentifier) {
      out = reader_.string_field(key, node, "profile");
      if (out && out->value.empty()) {
        // An empty PayloadIdentifier: devices refuse the profile.
        diagnostics_.report(DiagnosticCode::PC0004, out->span, fmt::format("profile.{} must not be empty", name),
                            "write a reverse-DNS name such as \"com.example.restrictions\"");
        out.reset();
      }
    } else if constexpr (kKind == kUuid || kKind == kText) {
      out = reader_.string_field(key, node, "profile");
    } else if constexpr (kKind == kScope) {
      static const std::vector<std::string> kWords = {std::string(kScopeSpellings[0].field),
                                                      std::string(kScopeSpellings[1].field)};
      if (auto f = reader_.choice_field(key, node, "profile", kWords)) {
        for (const ScopeSpelling& spelling : kScopeSpellings) {
          if (f->value == spelling.field) out = Field<std::string>{std::string(spelling.plist), f->span};
        }
      }
    } else if constexpr (kKind == kRemoval) {
      static const std::vector<std::string> kWords = {std::string(kRemovalAllowed), std::string(kRemovalDisallowed)};
      if (auto f = reader_.choice_field(key, node, "profile", kWords)) {
        out = Field<bool>{f->value == kRemovalDisallowed, f->span};
      }
    } else if constexpr (kKind == kConsent) {
      if (node.is_string() || node.is_table()) {
        out = reader_.value(node);
      } else {
        diagnostics_.report(DiagnosticCode::PC0004, span_of(node.source()),
                            fmt::format("profile.{} must be a string or a table of language = text, found {}", name,
                                        toml_type_name(node.type())));
      }
    } else if constexpr (kKind == kDate) {
      if (node.is_date_time() || node.is_date()) {
        out = reader_.value(node);
      } else {
        diagnostics_.report(DiagnosticCode::PC0004, span_of(node.source()),
                            fmt::format("profile.{} must be a datetime, found {}", name, toml_type_name(node.type())),
                            "write it unquoted, e.g. 2026-06-30T00:00:00Z");
      }
    } else if constexpr (kKind == kSeconds) {
      const auto* i = node.as_integer();
      if (i && i->get() > 0) {
        out = Field<std::int64_t>{i->get(), span_of(node.source())};
      } else {
        diagnostics_.report(DiagnosticCode::PC0004, span_of(node.source()),
                            fmt::format("profile.{} must be a positive number of seconds", name));
      }
    }
  }

  ProfileSection parse_profile(const toml::table& table, const toml::key& header) {
    static const std::vector<std::string> kFields = [] {
      std::vector<std::string> names;
      names.reserve(std::size(kProfileFields) + 2);
      for (const ProfileFieldInfo& field : kProfileFields) names.emplace_back(field.name);
      names.insert(names.end(), kProfileTableFields.begin(), kProfileTableFields.end());
      return names;
    }();
    ProfileSection profile;
    profile.span = span_of(header.source());
    for (const auto& [key, node] : in_source_order(table)) {
      const std::string name(key->str());
#define PROFILEC_PROFILE_FIELD(member, field_name, envelope_key, kind)           \
  if (name == (field_name)) {                                                    \
    read_field<ProfileFieldKind::kind>(field_name, *key, *node, profile.member); \
    continue;                                                                    \
  }
#include "lang/profile_fields.def"
#undef PROFILEC_PROFILE_FIELD
      if (name == "omit") {
        profile.omit = omit_list(*key, *node, "profile", profile_omittable());
      } else if (name == "extra") {
        if (const toml::table* extra = reader_.expect_table(*key, *node)) extra_envelope_keys(*extra, profile);
      } else if (is_apple_envelope_key(name)) {
        apple_envelope_key(*key, *node, profile);
      } else {
        reader_.unknown(DiagnosticCode::PC0003, *key, fmt::format("unknown field '{}' in [profile]", name), kFields,
                        "see docs/language.md for the fields of [profile]", &table);
      }
    }
    if (!profile.id) {
      // Only report a missing id if it was not present-but-invalid.
      if (!table.contains("id")) {
        diagnostics_.report(DiagnosticCode::PC0005, profile.span, "[profile] has no 'id'",
                            "add id = \"com.example.name\": it becomes the PayloadIdentifier");
      }
    }
    return profile;
  }

  void apple_envelope_key(const toml::key& key, const toml::node& node, ProfileSection& profile) {
    const std::string name(key.str());
    if (name == "PayloadIdentifier" || name == "PayloadContent") {
      diagnostics_.report(DiagnosticCode::PC0003, span_of(key.source()),
                          fmt::format("[profile] cannot set {} directly", name),
                          name == "PayloadIdentifier" ? "the profile's `id` is its PayloadIdentifier"
                                                      : "payloads are [payload.<name>] tables");
      return;
    }
    profile.apple_keys.push_back(Entry{name, span_of(key.source()), reader_.value(node)});
  }

  // [profile.extra]: top-level keys that cannot be written in [profile]
  // itself because they do not start with an upper-case letter (a
  // misspelt `payloadScope`, another tool's `label`): written into the
  // envelope as is, so that `profilec import` can carry them over. The
  // envelope checks report them as they would in a .mobileconfig.
  void extra_envelope_keys(const toml::table& extra, ProfileSection& profile) {
    for (const auto& [key, node] : in_source_order(extra)) {
      const std::string name(key->str());
      if (is_apple_envelope_key(name)) {
        diagnostics_.report(DiagnosticCode::PC0003, span_of(key->source()),
                            fmt::format("'{}' belongs in [profile] itself, not in [profile.extra]", name),
                            "[profile.extra] holds the top-level keys that do not start with an upper-case letter");
        continue;
      }
      profile.apple_keys.push_back(Entry{name, span_of(key->source()), reader_.value(*node)});
    }
  }

  // omit = [...]: names of keys profilec would generate, each one of `allowed`.
  std::vector<Field<std::string>> omit_list(const toml::key& key, const toml::node& node, std::string_view table,
                                            const std::vector<std::string>& allowed) {
    std::vector<Field<std::string>> out;
    auto names = reader_.string_list(key, node, table, fmt::format("omit = [\"{}\"]", allowed.front()));
    if (!names) return out;
    for (Field<std::string>& entry : *names) {
      if (std::find(allowed.begin(), allowed.end(), entry.value) != allowed.end()) {
        out.push_back(std::move(entry));
        continue;
      }
      std::string help = fmt::format("{}.omit takes {}", table, fmt::join(allowed, ", "));
      if (auto suggestion = closest_spelling(entry.value, allowed))
        help = fmt::format("did you mean '{}'?", *suggestion);
      diagnostics_.report(DiagnosticCode::PC0004, entry.span,
                          fmt::format("{}.omit cannot name '{}': profilec does not generate it", table, entry.value),
                          std::move(help));
    }
    return out;
  }

  // [payload.<name>] tables, or with `declarations` [declaration.<name>]
  // tables (the same shape; a declaration has no `omit`).
  void parse_payloads(const toml::table& payloads, std::vector<PayloadDecl>& out, bool declarations = false) {
    static const Pattern kName{kPayloadNamePattern};
    const std::string_view what = declarations ? "declaration" : "payload";
    for (const auto& [key, node] : in_source_order(payloads)) {
      const toml::table* table = node->as_table();
      if (!table) {
        diagnostics_.report(DiagnosticCode::PC0004, span_of(key->source()),
                            fmt::format("{} '{}' must be a table", what, key->str()),
                            fmt::format("write it as [{}.{}] with a type = \"...\" line", what, key->str()));
        continue;
      }
      if (!kName.matches(key->str())) {
        diagnostics_.report(DiagnosticCode::PC0004, span_of(key->source()),
                            fmt::format("{} name '{}' is not usable in an identifier", what, key->str()),
                            "use letters, digits, '-' and '_', starting with a letter or digit");
        continue;
      }
      PayloadDecl payload;
      payload.name = std::string(key->str());
      payload.span = span_of(key->source());
      const std::string table_name = fmt::format("{}.{}", what, payload.name);
      for (const auto& [pkey, pnode] : in_source_order(*table)) {
        if (pkey->str() == kPayloadTypeKey) {
          payload.type = reader_.string_field(*pkey, *pnode, table_name);
        } else if (pkey->str() == kPayloadUseKey) {
          if (auto uses = reader_.string_list(*pkey, *pnode, table_name, "use = [\"stdlib:passcode/baseline\"]")) {
            payload.uses = std::move(*uses);
          }
        } else if (pkey->str() == kPayloadOmitKey && !declarations) {
          payload.omit = omit_list(*pkey, *pnode, table_name, kPayloadOmittableNames);
        } else {
          payload.keys.push_back(Entry{std::string(pkey->str()), span_of(pkey->source()), reader_.value(*pnode)});
        }
      }
      if (!payload.type && !table->contains("type")) {
        diagnostics_.report(DiagnosticCode::PC0005, payload.span,
                            fmt::format("{} '{}' has no 'type'", what, payload.name),
                            declarations ? "add type = \"com.apple.configuration....\", the declaration type"
                                         : "add type = \"com.apple....\", the PayloadType");
      }
      out.push_back(std::move(payload));
    }
  }

  const std::string& path_;
  Diagnostics& diagnostics_;
  TomlReader reader_;
};

}  // namespace

const std::vector<std::string>& platform_names() {
  static const std::vector<std::string> names = {"iOS", "macOS", "tvOS", "visionOS", "watchOS"};
  return names;
}

ParseResult parse_policy(std::string_view text, const std::string& path, Diagnostics& diagnostics,
                         const ParseOptions& options) {
  std::optional<toml::table> root = parse_toml(text, path, diagnostics);
  if (!root) return ParseResult{ParseStatus::kSyntaxError, {}};
  if (root->contains("fragment")) return ParseResult{ParseStatus::kFragment, {}};
  if (options.skip_non_policy && !root->contains("profile") && !root->contains("target") &&
      !root->contains("payload") && !root->contains("declaration")) {
    return ParseResult{ParseStatus::kNotAPolicy, {}};
  }
  return ParseResult{ParseStatus::kParsed, PolicyParser(path, diagnostics).parse(*root)};
}

}  // namespace profilec::lang
