#include "import/print_policy.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "base/utf8.h"
#include "import/toml_text.h"

namespace profilec::import {
namespace {

using Kind = ModelValue::Kind;

std::size_t nesting(const ModelValue& value) {
  std::size_t deepest = 0;
  if (value.kind == Kind::kArray) {
    for (const ModelValue& item : value.items) deepest = std::max(deepest, nesting(item));
    return deepest + 1;
  }
  if (value.kind == Kind::kTable) {
    for (const ModelEntry& entry : value.entries) deepest = std::max(deepest, nesting(entry.value));
    return deepest + 1;
  }
  return 0;
}

bool has_line_break(const ModelValue& value) {
  if (value.kind == Kind::kArray) {
    return std::any_of(value.items.begin(), value.items.end(), [](const ModelValue& v) { return has_line_break(v); });
  }
  if (value.kind == Kind::kTable) {
    return std::any_of(value.entries.begin(), value.entries.end(),
                       [](const ModelEntry& e) { return has_line_break(e.value); });
  }
  return value.line_break;
}

bool all_tables(const ModelValue& value) {
  return value.kind == Kind::kArray && !value.items.empty() &&
         std::all_of(value.items.begin(), value.items.end(),
                     [](const ModelValue& v) { return v.kind == Kind::kTable; });
}

std::string inline_value(const ModelValue& value) {
  switch (value.kind) {
    case Kind::kBoolean: return value.boolean ? "true" : "false";
    case Kind::kInteger: return fmt::format("{}", value.integer);
    case Kind::kReal: return toml_float(value.real);
    case Kind::kString: return toml_string(value.text);
    case Kind::kDate: return toml_date(value.date);
    case Kind::kFile: return fmt::format("{{ file = {} }}", toml_string(value.text));
    case Kind::kBase64: return fmt::format("{{ base64 = {} }}", toml_string(value.text));
    case Kind::kEnv: return fmt::format("{{ env = {} }}", toml_string(value.text));
    case Kind::kPayloadRef: return fmt::format("{{ payload = {} }}", toml_string(value.text));
    case Kind::kArray: {
      std::vector<std::string> items;
      for (const ModelValue& item : value.items) items.push_back(inline_value(item));
      return fmt::format("[{}]", fmt::join(items, ", "));
    }
    case Kind::kTable: {
      if (value.entries.empty()) return "{}";
      std::vector<std::string> entries;
      for (const ModelEntry& entry : value.entries) {
        entries.push_back(fmt::format("{} = {}", toml_key(entry.key), inline_value(entry.value)));
      }
      return fmt::format("{{ {} }}", fmt::join(entries, ", "));
    }
  }
  return {};
}

// A dictionary, or an array of dictionaries, too large or too deep for one
// line becomes a [table] or an [[array of tables]].
bool is_table(const ModelEntry& entry) {
  const ModelValue& value = entry.value;
  if (!(value.kind == Kind::kTable && !value.entries.empty()) && !all_tables(value)) return false;
  if (nesting(value) > 2 || has_line_break(value)) return true;
  return toml_key(entry.key).size() + 3 + inline_value(value).size() > kLineWidth;
}

// What follows `key = `.
std::string entry_value(const ModelEntry& entry) {
  const ModelValue& value = entry.value;
  if (value.kind == Kind::kString && value.line_break) return toml_multiline_string(value.text);
  std::string one_line = inline_value(value);
  if (value.kind != Kind::kArray || toml_key(entry.key).size() + 3 + one_line.size() <= kLineWidth) return one_line;
  std::string lines = "[\n";
  for (const ModelValue& item : value.items) lines += fmt::format("  {},\n", inline_value(item));
  return lines + "]";
}

// The key = value lines of a table, then its sub-tables.
void table_body(const std::string& header, const std::vector<ModelEntry>& entries, std::string& text) {
  std::vector<bool> tables;
  tables.reserve(entries.size());
  for (const ModelEntry& entry : entries) {
    tables.push_back(is_table(entry));
    if (!tables.back()) text += fmt::format("{} = {}\n", toml_key(entry.key), entry_value(entry));
  }
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (!tables[i]) continue;
    const ModelEntry& entry = entries[i];
    const std::string path = fmt::format("{}.{}", header, toml_key(entry.key));
    if (entry.value.kind == Kind::kTable) {
      // A table of tables needs no header of its own: [a.b.c] defines a.b.
      const std::vector<ModelEntry>& children = entry.value.entries;
      if (!std::all_of(children.begin(), children.end(), [](const ModelEntry& c) { return is_table(c); })) {
        text += fmt::format("\n[{}]\n", path);
      }
      table_body(path, children, text);
      continue;
    }
    for (const ModelValue& element : entry.value.items) {
      text += fmt::format("\n[[{}]]\n", path);
      table_body(path, element.entries, text);
    }
  }
}

std::string omit_list(const std::vector<std::string>& keys) {
  std::vector<std::string> quoted;
  quoted.reserve(keys.size());
  for (const std::string& key : keys) quoted.push_back(toml_string(key));
  return fmt::format("[{}]", fmt::join(quoted, ", "));
}

// A file name fit for a comment line.
std::string one_line(std::string_view text) {
  std::string out = valid_utf8(text, ControlCharacters::kReplaceExceptWhitespace);
  std::replace_if(
      out.begin(), out.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return out;
}

void print_profile(const ProfileModel& profile, std::string& text) {
  text += "\n[profile]\n";
  for (const ModelEntry& field : profile.fields) text += fmt::format("{} = {}\n", field.key, entry_value(field));
  if (!profile.omit.empty()) text += fmt::format("omit = {}\n", omit_list(profile.omit));
  table_body("profile", profile.apple_keys, text);
  if (!profile.extra_keys.empty()) {
    text +=
        "\n# Top-level keys that are not Apple's, carried over as found (docs/language.md#profile).\n"
        "[profile.extra]\n";
    table_body("profile.extra", profile.extra_keys, text);
  }
}

// The target `check` gave the file, so that the policy is checked as the
// file was; a file without one gets a reminder instead.
void print_target(const std::optional<TargetModel>& target, std::string& text) {
  if (!target) {
    text +=
        "\n# [target] is not recorded in a .mobileconfig: add one (docs/language.md) so that\n"
        "# the checks know which devices receive this profile.\n";
    return;
  }
  text += "\n# The target profilec.toml states for the imported file ([[targets]] or [target]).\n[target]\n";
  std::string platforms;
  for (const auto& [platform, version] : target->platforms) {
    platforms += fmt::format("{}{} = \"{}\"", platforms.empty() ? "" : ", ", platform, version);
  }
  text += fmt::format("platforms = {{ {} }}\n", platforms);
  if (target->supervised) text += "supervised = true\n";
  if (!target->enrollment.empty()) text += fmt::format("enrollment = \"{}\"\n", target->enrollment);
  if (target->shared_ipad) text += "shared_ipad = true\n";
  if (target->manual_install) text += "install = \"manual\"\n";
}

void print_payload(const PayloadModel& payload, std::string& text) {
  const std::string header = fmt::format("payload.{}", payload.name);
  text += fmt::format("\n[{}]\ntype = {}\n", header, toml_string(payload.type));
  if (!payload.omit.empty()) text += fmt::format("omit = {}\n", omit_list(payload.omit));
  table_body(header, payload.entries, text);
}

// A policy of declarations only: no [profile], no identifiers to pin.
std::string print_declarations(const PolicyModel& model) {
  std::string text = fmt::format("# Imported by `profilec import` from {}.\n", one_line(model.source_name));
  text +=
      "# build derives a new Identifier and ServerToken for each declaration (docs/ddm.md): the\n"
      "# MDM serves it as a new declaration, not as the one the file had.\n";
  if (model.target) {
    print_target(model.target, text);
  } else {
    text +=
        "\n# [target] is not recorded in a declaration file: add one (docs/language.md) so that\n"
        "# the checks know which devices receive these declarations.\n";
  }
  for (const PayloadModel& declaration : model.declarations) {
    const std::string header = fmt::format("declaration.{}", declaration.name);
    text += fmt::format("\n[{}]\ntype = {}\n", header, toml_string(declaration.type));
    table_body(header, declaration.entries, text);
  }
  return text;
}

}  // namespace

std::string print_policy(const PolicyModel& model) {
  if (model.payloads.empty() && !model.declarations.empty()) return print_declarations(model);
  std::string text = fmt::format("# Imported by `profilec import` from {}.\n", one_line(model.source_name));
  text +=
      "# PayloadIdentifier and PayloadUUID are pinned: a profile built from this file replaces\n"
      "# the one devices already have instead of installing beside it.\n";
  print_profile(model.profile, text);
  print_target(model.target, text);
  for (const PayloadModel& payload : model.payloads) print_payload(payload, text);
  return text;
}

}  // namespace profilec::import
