#include "lang/parse_fragment.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/spelling.h"
#include "lang/language_tables.h"
#include "lang/parse_policy.h"
#include "lang/toml_reader.h"

namespace profilec::lang {
namespace {

// Keys a fragment may not set: `type` and `use` belong in [fragment], and
// an identity pinned in a fragment would be shared by every payload that
// uses it.
std::optional<std::string> reserved_key_help(std::string_view key) {
  if (key == "type" || key == "use") return fmt::format("write '{}' in the [fragment] table", key);
  if (key == "PayloadType") return "the fragment's [fragment].type is the payload type; remove this key";
  if (key == "PayloadIdentifier" || key == "PayloadUUID") {
    return fmt::format("every payload that used the fragment would share the {}; pin it in the payload instead", key);
  }
  return std::nullopt;
}

class FragmentParser {
 public:
  FragmentParser(const std::string& path, Diagnostics& diagnostics) : path_(path), reader_(diagnostics) {}

  FragmentFile parse(const toml::table& root) {
    FragmentFile fragment;
    fragment.path = path_;
    bool has_header = false;
    for (const auto& [key, node] : in_source_order(root)) {
      const std::string name(key->str());
      if (name == kFragmentTable) {
        if (const toml::table* table = reader_.expect_table(*key, *node)) {
          has_header = true;
          parse_header(*table, *key, fragment);
        }
      } else if (name == kFragmentKeysTable) {
        if (const toml::table* table = reader_.expect_table(*key, *node)) parse_keys(*table, fragment);
      } else {
        reader_.unknown(DiagnosticCode::PC0002, *key, fmt::format("unknown top-level table '{}' in a fragment", name),
                        {"fragment", "keys"}, "a fragment has a [fragment] table and a [keys] table");
      }
    }
    if (!has_header && !root.contains("fragment")) {
      reader_.diagnostics().report(DiagnosticCode::PC0005, file_start_span(root, path_), "missing [fragment] table",
                                   "add [fragment] with type = \"com.apple....\", the payload type it is for");
    }
    return fragment;
  }

 private:
  void parse_header(const toml::table& table, const toml::key& header, FragmentFile& fragment) {
    static const std::vector<std::string> kFields(kFragmentFields.begin(), kFragmentFields.end());
    fragment.span = span_of(header.source());
    for (const auto& [key, node] : in_source_order(table)) {
      const std::string name(key->str());
      if (name == "type") {
        fragment.type = reader_.string_field(*key, *node, "fragment");
      } else if (name == "description") {
        fragment.description = reader_.string_field(*key, *node, "fragment");
      } else if (name == "use") {
        if (auto uses = reader_.string_list(*key, *node, "fragment", "use = [\"stdlib:passcode/baseline\"]")) {
          fragment.uses = std::move(*uses);
        }
      } else if (name == "platforms") {
        parse_platforms(*key, *node, fragment);
      } else {
        reader_.unknown(DiagnosticCode::PC0003, *key, fmt::format("unknown field '{}' in [fragment]", name), kFields,
                        "[fragment] has type, description, platforms and use", &table);
      }
    }
    if (!fragment.type && !table.contains("type")) {
      reader_.diagnostics().report(DiagnosticCode::PC0005, fragment.span, "[fragment] has no 'type'",
                                   "add type = \"com.apple....\", the payload type the fragment is for");
    }
  }

  void parse_platforms(const toml::key& key, const toml::node& node, FragmentFile& fragment) {
    auto platforms = reader_.string_list(key, node, "fragment", "platforms = [\"iOS\", \"macOS\"]");
    if (!platforms) return;
    fragment.platforms_span = span_of(key.source());
    const auto& names = platform_names();
    for (Field<std::string>& platform : *platforms) {
      if (std::find(names.begin(), names.end(), platform.value) != names.end()) {
        fragment.platforms.push_back(std::move(platform));
        continue;
      }
      std::string help = "platforms are iOS, macOS, tvOS, visionOS and watchOS (iPadOS is iOS)";
      if (auto suggestion = closest_spelling(platform.value, names))
        help = fmt::format("did you mean '{}'?", *suggestion);
      reader_.diagnostics().report(DiagnosticCode::PC0004, platform.span,
                                   fmt::format("unknown platform '{}'", platform.value), help);
    }
  }

  void parse_keys(const toml::table& table, FragmentFile& fragment) {
    for (const auto& [key, node] : in_source_order(table)) {
      if (auto help = reserved_key_help(key->str())) {
        reader_.diagnostics().report(DiagnosticCode::PC0003, span_of(key->source()),
                                     fmt::format("a fragment cannot set '{}' in [keys]", key->str()), *help);
        continue;
      }
      fragment.keys.push_back(Entry{std::string(key->str()), span_of(key->source()), reader_.value(*node)});
    }
  }

  const std::string& path_;
  TomlReader reader_;
};

}  // namespace

std::optional<FragmentFile> parse_fragment(std::string_view text, const std::string& path, Diagnostics& diagnostics) {
  std::optional<toml::table> root = parse_toml(text, path, diagnostics);
  if (!root) return std::nullopt;
  return FragmentParser(path, diagnostics).parse(*root);
}

}  // namespace profilec::lang
