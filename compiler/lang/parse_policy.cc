#include "lang/parse_policy.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <regex>

#include "base/spelling.h"
#include "lang/toml_reader.h"

namespace profilec::lang {
namespace {

// What `omit` may name: the keys lowering generates.
const std::vector<std::string> kProfileOmittable = {"PayloadUUID",        "PayloadType",         "PayloadVersion",
                                                    "PayloadDisplayName", "PayloadOrganization", "PayloadContent"};
const std::vector<std::string> kPayloadOmittable = {"PayloadIdentifier", "PayloadUUID", "PayloadVersion"};

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
        if (const toml::table* table = reader_.expect_table(*key, *node)) parse_payloads(*table, file);
      } else {
        reader_.unknown(DiagnosticCode::PC0002, *key, fmt::format("unknown top-level table '{}'", name),
                        {"profile", "target", "payload"},
                        "a policy has [profile], [target] and [payload.<name>] tables");
      }
    }
    if (!file.profile) {
      diagnostics_.report(DiagnosticCode::PC0005, file_start_span(root, path_), "missing [profile] table",
                          "add a [profile] table with at least id = \"com.example.name\"");
    }
    return file;
  }

 private:
  ProfileSection parse_profile(const toml::table& table, const toml::key& header) {
    static const std::vector<std::string> kFields = {
        "id", "uuid", "name", "organization", "description", "scope", "removal", "consent",
        "removal_date", "duration_until_removal", "omit", "extra"};
    ProfileSection profile;
    profile.span = span_of(header.source());
    for (const auto& [key, node] : in_source_order(table)) {
      const std::string name(key->str());
      if (name == "id") {
        profile.id = reader_.string_field(*key, *node, "profile");
        if (profile.id && profile.id->value.empty()) {
          // An empty PayloadIdentifier: devices refuse the profile.
          diagnostics_.report(DiagnosticCode::PC0004, profile.id->span, "profile.id must not be empty",
                              "write a reverse-DNS name such as \"com.example.restrictions\"");
          profile.id.reset();
        }
      } else if (name == "uuid") {
        profile.uuid = reader_.string_field(*key, *node, "profile");
      } else if (name == "name") {
        profile.name = reader_.string_field(*key, *node, "profile");
      } else if (name == "organization") {
        profile.organization = reader_.string_field(*key, *node, "profile");
      } else if (name == "description") {
        profile.description = reader_.string_field(*key, *node, "profile");
      } else if (name == "scope") {
        if (auto f = reader_.choice_field(*key, *node, "profile", {"system", "user"})) {
          profile.scope = Field<std::string>{f->value == "system" ? "System" : "User", f->span};
        }
      } else if (name == "removal") {
        if (auto f = reader_.choice_field(*key, *node, "profile", {"allowed", "disallowed"})) {
          profile.removal_disallowed = Field<bool>{f->value == "disallowed", f->span};
        }
      } else if (name == "consent") {
        if (node->is_string() || node->is_table()) {
          profile.consent = reader_.value(*node);
        } else {
          diagnostics_.report(DiagnosticCode::PC0004, span_of(node->source()),
                              fmt::format("profile.consent must be a string or a table of language = text, "
                                          "found {}", toml_type_name(node->type())));
        }
      } else if (name == "removal_date") {
        if (node->is_date_time() || node->is_date()) {
          profile.removal_date = reader_.value(*node);
        } else {
          diagnostics_.report(DiagnosticCode::PC0004, span_of(node->source()),
                              fmt::format("profile.removal_date must be a datetime, found {}",
                                          toml_type_name(node->type())),
                              "write it unquoted, e.g. 2026-06-30T00:00:00Z");
        }
      } else if (name == "duration_until_removal") {
        const auto* i = node->as_integer();
        if (i && i->get() > 0) {
          profile.duration_until_removal = Field<std::int64_t>{i->get(), span_of(node->source())};
        } else {
          diagnostics_.report(DiagnosticCode::PC0004, span_of(node->source()),
                              "profile.duration_until_removal must be a positive number of seconds");
        }
      } else if (name == "omit") {
        profile.omit = omit_list(*key, *node, "profile", kProfileOmittable);
      } else if (name == "extra") {
        if (const toml::table* extra = reader_.expect_table(*key, *node)) extra_envelope_keys(*extra, profile);
      } else if (is_apple_key(name)) {
        apple_envelope_key(*key, *node, profile);
      } else {
        reader_.unknown(DiagnosticCode::PC0003, *key, fmt::format("unknown field '{}' in [profile]", name), kFields,
                        "see docs/language.md for the fields of [profile]");
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

  // Apple's envelope keys start with an upper-case letter; the language's
  // own fields are lower-case.
  static bool is_apple_key(const std::string& name) { return !name.empty() && name[0] >= 'A' && name[0] <= 'Z'; }

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
      if (is_apple_key(name)) {
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
      if (auto suggestion = closest_spelling(entry.value, allowed)) help = fmt::format("did you mean '{}'?", *suggestion);
      diagnostics_.report(DiagnosticCode::PC0004, entry.span,
                          fmt::format("{}.omit cannot name '{}': profilec does not generate it", table, entry.value),
                          std::move(help));
    }
    return out;
  }

  void parse_payloads(const toml::table& payloads, PolicyFile& file) {
    static const std::regex kName(R"(^[A-Za-z0-9][A-Za-z0-9_-]*$)");
    for (const auto& [key, node] : in_source_order(payloads)) {
      const toml::table* table = node->as_table();
      if (!table) {
        diagnostics_.report(DiagnosticCode::PC0004, span_of(key->source()),
                            fmt::format("payload '{}' must be a table", key->str()),
                            fmt::format("write it as [payload.{}] with a type = \"...\" line", key->str()));
        continue;
      }
      if (!std::regex_match(std::string(key->str()), kName)) {
        diagnostics_.report(DiagnosticCode::PC0004, span_of(key->source()),
                            fmt::format("payload name '{}' is not usable in an identifier", key->str()),
                            "use letters, digits, '-' and '_', starting with a letter or digit");
        continue;
      }
      PayloadDecl payload;
      payload.name = std::string(key->str());
      payload.span = span_of(key->source());
      const std::string table_name = "payload." + payload.name;
      for (const auto& [pkey, pnode] : in_source_order(*table)) {
        if (pkey->str() == "type") {
          payload.type = reader_.string_field(*pkey, *pnode, table_name);
        } else if (pkey->str() == "use") {
          if (auto uses = reader_.string_list(*pkey, *pnode, table_name, "use = [\"stdlib:passcode/baseline\"]")) {
            payload.uses = std::move(*uses);
          }
        } else if (pkey->str() == "omit") {
          payload.omit = omit_list(*pkey, *pnode, table_name, kPayloadOmittable);
        } else {
          payload.keys.push_back(Entry{std::string(pkey->str()), span_of(pkey->source()), reader_.value(*pnode)});
        }
      }
      if (!payload.type && !table->contains("type")) {
        diagnostics_.report(DiagnosticCode::PC0005, payload.span,
                            fmt::format("payload '{}' has no 'type'", payload.name),
                            "add type = \"com.apple....\", the PayloadType");
      }
      file.payloads.push_back(std::move(payload));
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
      !root->contains("payload")) {
    return ParseResult{ParseStatus::kNotAPolicy, {}};
  }
  return ParseResult{ParseStatus::kParsed, PolicyParser(path, diagnostics).parse(*root)};
}

}  // namespace profilec::lang
