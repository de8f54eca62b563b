#include "cli/stdlib_view.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "base/json_writer.h"
#include "base/wrap_text.h"
#include "lang/parse_fragment.h"
#include "lang/resolve_uses.h"
#include "lang/stdlib.h"
#include "schema/resolve_facts.h"

namespace profilec::cli {
namespace {

constexpr std::string_view kPrefix = "stdlib:";
constexpr std::size_t kTextWidth = 80;

// A key a payload receives from the fragment, nested tables flattened to
// dotted paths so each leaf has the line that set it.
struct SetKey {
  std::string path;    // "EAPClientConfiguration.AcceptEAPTypes"
  std::string value;   // as TOML: false, 6, "WPA2", [13], { env = "X" }
  std::string source;  // "stdlib:wifi/wpa2-enterprise-eap-tls.toml:27"
};

struct FragmentView {
  std::string name;  // "wifi/wpa2-personal"
  std::string type;
  std::string description;
  std::vector<std::string> platforms;
  std::vector<std::string> uses;             // as written: "stdlib:restrictions/ios-baseline"
  std::string header;                        // the leading comment, without "# "
  std::vector<SetKey> keys;                  // merged, in the order a payload receives them
  std::vector<std::string> supervised_keys;  // top-level keys needing supervision on a platform it is for
  bool supervised_payload = false;           // the payload type itself needs supervision there
};

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\u{:04X}", static_cast<int>(c));
        else out += c;
    }
  }
  return out + "\"";
}

std::string toml_text(const lang::Value& v) {
  using Kind = lang::Value::Kind;
  switch (v.kind) {
    case Kind::kBoolean: return v.boolean ? "true" : "false";
    case Kind::kInteger: return std::to_string(v.integer);
    case Kind::kReal: return fmt::format("{}", v.real);
    case Kind::kString: return quoted(v.text);
    case Kind::kDateTime: {
      const lang::DateTime& d = v.datetime;
      std::string out;
      if (d.has_date) out += fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
      if (d.has_date && d.has_time) out += 'T';
      if (d.has_time) out += fmt::format("{:02}:{:02}:{:02}", d.hour, d.minute, d.second);
      if (d.has_offset)
        out += d.offset_minutes == 0
                   ? "Z"
                   : fmt::format("{:+03}:{:02}", d.offset_minutes / 60, std::abs(d.offset_minutes % 60));
      return out;
    }
    case Kind::kArray: {
      std::string out = "[";
      for (const lang::Value& item : v.items) out += (out.size() > 1 ? ", " : "") + toml_text(item);
      return out + "]";
    }
    case Kind::kTable: {
      std::string out = "{";
      for (const lang::Entry& e : v.entries)
        out += fmt::format("{} {} = {}", out.size() > 1 ? "," : "", e.key, toml_text(e.value));
      return out + " }";
    }
    case Kind::kFileRef: return fmt::format("{{ file = {} }}", quoted(v.text));
    case Kind::kBase64: return fmt::format("{{ base64 = {} }}", quoted(v.text));
    case Kind::kPayloadRef: return fmt::format("{{ payload = {} }}", quoted(v.text));
    case Kind::kDeclarationRef: return fmt::format("{{ declaration = {} }}", quoted(v.text));
    case Kind::kProfileRef: return fmt::format("{{ profile = {} }}", quoted(v.text));
    case Kind::kEnvSecret: return fmt::format("{{ env = {} }}", quoted(v.text));
  }
  return {};
}

std::string source_of(const SourceSpan& span) { return fmt::format("{}:{}", span.path_or_empty(), span.begin.line); }

void flatten(const std::vector<lang::Entry>& entries, const std::string& prefix, std::vector<SetKey>& out) {
  for (const lang::Entry& e : entries) {
    const std::string path = prefix.empty() ? e.key : prefix + "." + e.key;
    if (e.value.kind == lang::Value::Kind::kTable && !e.value.entries.empty()) {
      flatten(e.value.entries, path, out);
    } else {
      out.push_back({path, toml_text(e.value), source_of(e.key_span)});
    }
  }
}

std::string header_comment(std::string_view text) {
  std::string out;
  std::size_t at = 0;
  while (at < text.size() && text[at] == '#') {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    std::string_view line = text.substr(at + 1, end - at - 1);
    if (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    out.append(line);
    out += '\n';
    at = end + 1;
  }
  return out;
}

// The fragment's merged keys: each use's (recursively), then its own, by
// lang::merge_entries, the rule resolve_uses applies. `stack` guards
// against a cycle (the build's stdlib test already rejects one).
std::optional<lang::FragmentFile> parse(std::string_view name, Diagnostics& diagnostics) {
  const auto text = lang::find_stdlib_fragment(name);
  if (!text) return std::nullopt;
  return lang::parse_fragment(*text, fmt::format("{}{}.toml", kPrefix, name), diagnostics);
}

std::vector<lang::Entry> merged_keys(const lang::FragmentFile& fragment, std::vector<std::string>& stack,
                                     Diagnostics& diagnostics) {
  std::vector<lang::Entry> keys;
  for (const auto& use : fragment.uses) {
    if (use.value.rfind(kPrefix, 0) != 0) continue;
    const std::string name = use.value.substr(kPrefix.size());
    if (std::find(stack.begin(), stack.end(), name) != stack.end()) continue;
    auto used = parse(name, diagnostics);
    if (!used) continue;
    stack.push_back(name);
    lang::merge_entries(keys, merged_keys(*used, stack, diagnostics));
    stack.pop_back();
  }
  lang::merge_entries(keys, fragment.keys);
  return keys;
}

// Supervision, by the schemas: on each platform the fragment is for (all,
// when it names none), the payload type's facts and each top-level key's.
void find_supervision(const schema::SchemaSet& schemas, FragmentView& view) {
  const schema::PayloadSchema* s = schemas.find(view.type);
  if (!s) return;
  std::vector<schema::Platform> platforms;
  for (const std::string& p : view.platforms) {
    if (auto platform = schema::platform_from_name(p)) platforms.push_back(*platform);
  }
  if (platforms.empty()) platforms.assign(schema::kAllPlatforms.begin(), schema::kAllPlatforms.end());
  for (schema::Platform p : platforms) {
    const auto facts = schema::payload_facts(*s, p);
    if (facts && facts->supported() && facts->supervised.value_or(false)) view.supervised_payload = true;
  }
  std::set<std::string> seen;
  for (const SetKey& key : view.keys) {
    const std::string top = key.path.substr(0, key.path.find('.'));
    if (!seen.insert(top).second) continue;
    bool needs = false;
    for (const auto& [group, definition] : s->top_level(top)) {
      const schema::Key* chain[] = {definition};
      for (schema::Platform p : platforms) {
        const auto facts = schema::effective_facts(*group, chain, p);
        needs = needs || (facts && facts->supported() && facts->supervised.value_or(false));
      }
    }
    if (needs) view.supervised_keys.push_back(top);
  }
}

std::optional<FragmentView> view_of(const schema::SchemaSet& schemas, std::string_view name) {
  if (name.rfind(kPrefix, 0) == 0) name.remove_prefix(kPrefix.size());
  const auto text = lang::find_stdlib_fragment(name);
  if (!text) return std::nullopt;
  Diagnostics diagnostics;  // the stdlib is checked at build and test time; nothing to report here
  auto fragment = parse(name, diagnostics);
  if (!fragment) return std::nullopt;
  FragmentView view;
  view.name = std::string(name);
  if (fragment->type) view.type = fragment->type->value;
  if (fragment->description) view.description = fragment->description->value;
  for (const auto& p : fragment->platforms) view.platforms.push_back(p.value);
  for (const auto& u : fragment->uses) view.uses.push_back(u.value);
  view.header = header_comment(*text);
  std::vector<std::string> stack = {view.name};
  flatten(merged_keys(*fragment, stack, diagnostics), "", view.keys);
  find_supervision(schemas, view);
  return view;
}

bool supervised(const FragmentView& v) { return v.supervised_payload || !v.supervised_keys.empty(); }

std::string joined(const std::vector<std::string>& items, std::string_view empty) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out.empty() ? std::string(empty) : out;
}

void strings_json(JsonWriter& json, std::string_view name, const std::vector<std::string>& items) {
  json.key(name).begin_array();
  for (const auto& item : items) json.value(item);
  json.end_array();
}

void summary_json(JsonWriter& json, const FragmentView& v) {
  json.member("name", fmt::format("{}{}", kPrefix, v.name));
  json.member("type", v.type);
  strings_json(json, "platforms", v.platforms);
  json.member("supervised", supervised(v));
  json.member("description", v.description);
  strings_json(json, "use", v.uses);
}

std::vector<FragmentView> every_fragment(const schema::SchemaSet& schemas) {
  std::vector<FragmentView> out;
  for (const std::string& name : lang::stdlib_fragment_names()) {
    if (auto view = view_of(schemas, name)) out.push_back(std::move(*view));
  }
  return out;
}

}  // namespace

std::string render_stdlib_list(const schema::SchemaSet& schemas) {
  const std::vector<FragmentView> all = every_fragment(schemas);
  std::size_t name_width = 0, type_width = 0;
  for (const auto& v : all) {
    name_width = std::max(name_width, kPrefix.size() + v.name.size());
    type_width = std::max(type_width, v.type.size());
  }
  std::string out = fmt::format("{:<{}}  {:<{}}  {:<14}  {}\n", "fragment", name_width, "payload type", type_width,
                                "platforms", "supervised");
  for (const auto& v : all) {
    out += fmt::format("{:<{}}  {:<{}}  {:<14}  {}\n", fmt::format("{}{}", kPrefix, v.name), name_width, v.type,
                       type_width, joined(v.platforms, "any"), supervised(v) ? "yes" : "no");
    out += wrap_text(v.description, kTextWidth, "    ");
  }
  out += fmt::format(
      "{} fragments (supervised: a key it sets, or its payload type, needs a supervised device on a platform it is "
      "for; 'profilec stdlib show NAME' lists its keys)\n",
      all.size());
  return out;
}

std::string render_stdlib_list_json(const schema::SchemaSet& schemas) {
  JsonWriter json;
  json.begin_array();
  for (const auto& v : every_fragment(schemas)) {
    json.begin_object();
    summary_json(json, v);
    json.end_object();
  }
  json.end_array();
  return json.str();
}

std::optional<std::string> render_stdlib_fragment(const schema::SchemaSet& schemas, std::string_view name) {
  const auto v = view_of(schemas, name);
  if (!v) return std::nullopt;
  std::string out = fmt::format("{}{} ({})\n", kPrefix, v->name, v->type);
  out += wrap_text(v->description, kTextWidth);
  out += fmt::format("platforms: {}\n", joined(v->platforms, "any"));
  if (!v->uses.empty()) out += fmt::format("uses: {}\n", joined(v->uses, ""));
  if (v->supervised_payload) out += "supervised: the payload type needs a supervised device\n";
  if (!v->supervised_keys.empty())
    out += fmt::format("supervised: {} need a supervised device\n", joined(v->supervised_keys, ""));
  std::size_t key_width = 0, value_width = 0;
  for (const auto& k : v->keys) {
    key_width = std::max(key_width, k.path.size());
    value_width = std::max(value_width, std::min<std::size_t>(k.value.size(), 24));
  }
  out += fmt::format("\nkeys a payload that uses it receives ({}):\n", v->keys.size());
  for (const auto& k : v->keys) {
    out += fmt::format("  {:<{}} = {:<{}}  {}\n", k.path, key_width, k.value, value_width, k.source);
  }
  if (!v->header.empty()) {
    out += "\nheader:\n";
    std::size_t at = 0;
    while (at < v->header.size()) {  // as written: it holds an example policy
      const std::size_t end = v->header.find('\n', at);
      const std::string_view line = std::string_view(v->header).substr(at, end - at);
      out += line.empty() ? "\n" : fmt::format("  {}\n", line);
      at = end + 1;
    }
  }
  return out;
}

std::optional<std::string> render_stdlib_fragment_json(const schema::SchemaSet& schemas, std::string_view name) {
  const auto v = view_of(schemas, name);
  if (!v) return std::nullopt;
  JsonWriter json;
  json.begin_object();
  summary_json(json, *v);
  strings_json(json, "supervised_keys", v->supervised_keys);
  json.member("header", v->header);
  json.key("keys").begin_array();
  for (const auto& k : v->keys) {
    json.begin_object().member("key", k.path).member("value", k.value).member("source", k.source).end_object();
  }
  json.end_array();
  json.end_object();
  return json.str();
}

}  // namespace profilec::cli
