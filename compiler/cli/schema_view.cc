#include "cli/schema_view.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/json_writer.h"
#include "base/wrap_text.h"
#include "schema/resolve_facts.h"
#include "schema/schema_text.h"

namespace profilec::cli {
namespace {

using schema::Group;
using schema::kAllPlatforms;
using schema::Key;
using schema::Platform;
using schema::PlatformFacts;
using schema::SchemaKind;

// Apple's prose fills lines of this many columns: a fixed width keeps the
// output the same on every terminal (and in tests).
constexpr std::size_t kTextWidth = 80;

using schema::constraints;
using schema::FactsByPlatform;
using schema::matrix;
using schema::payload_matrix;
using schema::presence;

// Where a key is available, in short: "iOS 5.0+, macOS 10.7+".
std::string availability(const Group& group, std::span<const Key* const> chain) {
  std::string out;
  for (Platform p : kAllPlatforms) {
    auto f = schema::effective_facts(group, chain, p);
    if (!f || !f->supported()) continue;
    std::string item = fmt::format("{} {}+", schema::platform_name(p), f->introduced->text());
    if (f->removed) item += fmt::format(" (removed {})", f->removed->text());
    else if (f->deprecated) item += fmt::format(" (deprecated {})", f->deprecated->text());
    if (f->supervised.value_or(false)) item += " supervised";
    out += (out.empty() ? "" : ", ") + item;
  }
  return out.empty() ? "not available" : out;
}

void key_lines(std::string& out, const schema::PayloadSchema& s, const Group& group, std::vector<const Key*>& chain,
               const std::vector<Key>& keys, int depth, std::vector<int>& open_types) {
  for (const Key& key : keys) {
    chain.push_back(&key);
    std::string line = fmt::format("  {}{:<{}} {:<10} {:<9} {}", std::string(static_cast<std::size_t>(depth) * 2, ' '),
                                   key.name, std::max(1, 34 - depth * 2), schema::value_type_name(key.type),
                                   presence(key), availability(group, chain));
    const std::string c = constraints(key);
    if (!c.empty()) line += "  [" + c + "]";
    out += line + "\n";
    const bool recursive = key.subkeys_type >= 0 &&
                           std::find(open_types.begin(), open_types.end(), key.subkeys_type) != open_types.end();
    if (recursive) {
      out += fmt::format("  {}  ... ({} again)\n", std::string(static_cast<std::size_t>(depth) * 2, ' '),
                         s.types[static_cast<std::size_t>(key.subkeys_type)].name);
    } else {
      if (key.subkeys_type >= 0) open_types.push_back(key.subkeys_type);
      key_lines(out, s, group, chain, s.children(key), depth + 1, open_types);
      if (key.subkeys_type >= 0) open_types.pop_back();
    }
    chain.pop_back();
  }
}

std::string overlay_summary(const schema::Overlay& overlay) {
  if (overlay.source_path.empty()) return "  none (keys are not combinable)\n";
  std::string out;
  for (const auto& c : overlay.combine) {
    if (c.rule != schema::CombineRule::kNone)
      out += fmt::format("  combine   {:<40} {}\n", c.path.text(), schema::combine_rule_name(c.rule));
  }
  for (const auto& sfact : overlay.secrets) out += fmt::format("  secret    {}\n", sfact.path.text());
  for (const auto& r : overlay.references) {
    std::string types;
    for (const auto& t : r.types) types += (types.empty() ? "" : ", ") + t;
    out += fmt::format("  reference {:<40} -> {}\n", r.path.text(), types);
  }
  if (overlay.exclusive) out += fmt::format("  exclusive {}\n", overlay.exclusive->reason);
  return out.empty() ? "  (no facts)\n" : out;
}

// --- JSON ---------------------------------------------------------------

void facts_json(JsonWriter& json, const PlatformFacts& f) {
  json.begin_object();
  json.member("supported", f.supported());
  schema::for_each_platform_fact(f, [&](const schema::PlatformFactInfo& info, const auto& fact) {
    if (!fact) return;
    using T = typename std::remove_cvref_t<decltype(fact)>::value_type;
    if constexpr (std::is_same_v<T, schema::OsVersion>) json.member(info.field, fact->text());
    else if constexpr (std::is_same_v<T, bool>) json.member(info.field, *fact);
    else json.member(info.field, schema::mode_name(*fact));
  });
  json.end_object();
}

void platforms_json(JsonWriter& json, const FactsByPlatform& facts) {
  json.begin_object();
  for (Platform p : kAllPlatforms) {
    const auto& f = facts[static_cast<std::size_t>(p)];
    if (!f) continue;
    json.key(schema::platform_name(p));
    facts_json(json, *f);
  }
  json.end_object();
}

void scalar_json(JsonWriter& json, const schema::Scalar& v) {
  std::visit([&](const auto& x) { json.value(x); }, v);
}

// Keys with their resolved facts. A key using a named type refers to it by
// name ("subkeys_type"); the types are written once, beside the groups, and
// their keys' facts are the ones stated in the type (not resolved, since
// they depend on the place of use).
void keys_json(JsonWriter& json, const schema::PayloadSchema& s, const Group* group, std::vector<const Key*>& chain,
               const std::vector<Key>& keys) {
  json.begin_array();
  for (const Key& key : keys) {
    chain.push_back(&key);
    json.begin_object();
    json.member("name", key.name);
    if (!key.title.empty()) json.member("title", key.title);
    if (!key.description.empty()) json.member("description", key.description);
    json.member("type", schema::value_type_name(key.type));
    if (!presence(key).empty()) json.member("presence", presence(key));
    if (key.default_value) {
      json.key("default");
      scalar_json(json, *key.default_value);
    }
    if (!key.allowed_values.empty()) {
      json.key("rangelist").begin_array();
      for (const auto& v : key.allowed_values) scalar_json(json, v);
      json.end_array();
    }
    if (key.range_min) json.member("range_min", *key.range_min);
    if (key.range_max) json.member("range_max", *key.range_max);
    if (!key.format.empty()) json.member("format", key.format);
    if (!key.subtype.empty()) json.member("subtype", key.subtype);
    if (key.repetition_min) json.member("repetition_min", *key.repetition_min);
    if (key.repetition_max) json.member("repetition_max", *key.repetition_max);
    if (!key.combinetype.empty()) json.member("combinetype", key.combinetype);
    if (!key.references.empty()) {
      json.key("references").begin_array();
      for (const auto& t : key.references) json.value(t);
      json.end_array();
    }
    if (group) {
      FactsByPlatform facts;
      for (Platform p : kAllPlatforms) facts[static_cast<std::size_t>(p)] = schema::effective_facts(*group, chain, p);
      json.key("platforms");
      platforms_json(json, facts);
    }
    if (key.subkeys_type >= 0) {
      json.member("subkeys_type", s.types[static_cast<std::size_t>(key.subkeys_type)].name);
    } else if (!key.subkeys.empty()) {
      json.key("subkeys");
      keys_json(json, s, group, chain, key.subkeys);
    }
    json.end_object();
    chain.pop_back();
  }
  json.end_array();
}

void schema_header_json(JsonWriter& json, const schema::PayloadSchema& s) {
  json.member("payloadtype", s.payload_type);
  json.member("kind", schema::schema_kind_name(s.kind));
  if (!s.declaration_class.empty()) json.member("class", s.declaration_class);
  if (!s.apply.empty()) json.member("apply", s.apply);
  json.member("title", s.title);
  json.member("doc_url", s.doc_url);
  if (!s.description.empty()) json.member("description", s.description);
  json.member("source", s.source_path);
  // App schemas (docs/app-schemas.md) say where they came from; Apple's
  // embedded ones have no origin.
  if (!s.origin.empty()) json.member("origin", s.origin);
  json.key("platforms");
  platforms_json(json, payload_matrix(s));
}

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (true) {
    const auto dot = path.find('.', start);
    segments.push_back(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) return segments;
    start = dot + 1;
  }
}

// The key named `name` among `keys`, else (with `any_name`) their "any
// name" key (a map's values: com.apple.ManagedClient.preferences' domains),
// else nullptr.
const Key* find_child(const std::vector<Key>& keys, std::string_view name, bool any_name) {
  const Key* any = nullptr;
  for (const Key& k : keys) {
    if (k.name == name) return &k;
    if (k.is_any_name()) any = &k;
  }
  return any_name ? any : nullptr;
}

// Where a dotted path leads: the group and chain of keys (array items
// stepped through, so "TLSTrustedServerNames.TLSTrustedServerName" and
// "Relays.HTTP3RelayURL" both resolve); or, when it leads nowhere, the
// paths that exist at the first segment that names no key, for "did you
// mean". Every group is tried (plain groups, then variants: the Kerberos
// variant's ExtensionData keys), by names first, and only then with "any
// name" keys standing in (the base group's ExtensionData takes ANY key).
struct Located {
  const Group* group = nullptr;
  std::vector<const Key*> chain;
  std::vector<std::string> near;
  std::size_t near_depth = 0;  // how many segments resolved before `near`
};

// The keys one level below `chain`'s last key, array items stepped through
// (the item itself is also a name the path may use: its label).
std::vector<const Key*> fields_below(const schema::PayloadSchema& s, const std::vector<const Key*>& chain) {
  std::vector<const Key*> out;
  const Key* key = chain.back();
  for (int guard = 0; guard < 8; ++guard) {
    const auto& children = s.children(*key);
    for (const Key& child : children) out.push_back(&child);
    if (key->type != schema::ValueType::kArray || children.empty()) break;
    key = &children.front();
  }
  return out;
}

Located locate(const schema::PayloadSchema& s, const std::string& path) {
  const std::vector<std::string> segments = split_path(path);
  Located result;
  auto offer = [&](std::size_t depth, const std::vector<const Key*>& keys) {
    if (depth < result.near_depth) return;
    if (depth > result.near_depth) result.near.clear();
    result.near_depth = depth;
    std::string prefix;
    for (std::size_t i = 0; i < depth; ++i) prefix += segments[i] + ".";
    for (const Key* k : keys) {
      if (!k->is_any_name()) result.near.push_back(prefix + k->name);
    }
  };
  for (const bool any_name : {false, true}) {
    for (const Group& g : s.groups) {
      std::vector<const Key*> top;
      for (const Key& k : g.keys) top.push_back(&k);
      const Key* key = find_child(g.keys, segments[0], any_name);
      if (!key) {
        offer(0, top);
        continue;
      }
      std::vector<const Key*> chain = {key};
      bool found = true;
      for (std::size_t i = 1; i < segments.size() && found; ++i) {
        while (chain.back()->type == schema::ValueType::kArray && !s.children(*chain.back()).empty() &&
               !find_child(s.children(*chain.back()), segments[i], any_name)) {
          chain.push_back(&s.children(*chain.back()).front());
        }
        const Key* next = find_child(s.children(*chain.back()), segments[i], any_name);
        if (!next) {
          offer(i, fields_below(s, chain));
          found = false;
        } else {
          chain.push_back(next);
        }
      }
      if (found) {
        result.group = &g;
        result.chain = std::move(chain);
        result.near.clear();
        return result;
      }
    }
  }
  std::sort(result.near.begin(), result.near.end());
  result.near.erase(std::unique(result.near.begin(), result.near.end()), result.near.end());
  return result;
}

}  // namespace

std::string render_schema_list(const schema::SchemaSet& schemas, std::optional<Platform> platform, SchemaKind kind) {
  const bool declarations = kind == SchemaKind::kDeclaration;
  // A platform's column: its name and two spaces, at least 9 wide.
  const auto width = [](Platform p) { return std::max<std::size_t>(9, schema::platform_name(p).size() + 2); };
  // Declarations add their class and Apple's apply mode after the type.
  const auto declaration_columns = [&](std::string_view cls, std::string_view apply) {
    return declarations ? fmt::format("{:<15}{:<10}", cls, apply) : std::string();
  };
  std::string out = fmt::format("{:<52} {}", declarations ? "declaration type" : "payload type",
                                declaration_columns("class", "apply"));
  for (Platform p : kAllPlatforms) out += fmt::format("{:<{}}", schema::platform_name(p), width(p));
  while (out.back() == ' ') out.pop_back();
  out += "\n";
  std::size_t count = 0;
  std::size_t apps = 0;
  for (const std::string& type : declarations ? schemas.declaration_types() : schemas.payload_types()) {
    const schema::PayloadSchema* s = declarations ? schemas.find_declaration(type) : schemas.find(type);
    if (!s) continue;
    const FactsByPlatform facts = payload_matrix(*s);
    if (platform) {
      const auto& f = facts[static_cast<std::size_t>(*platform)];
      if (!f || !f->supported()) continue;
    }
    std::string line = fmt::format("{:<52} {}", type,
                                   declaration_columns(s->declaration_class, s->apply.empty() ? "-" : s->apply));
    for (Platform p : kAllPlatforms) {
      const auto& f = facts[static_cast<std::size_t>(p)];
      std::string cell = f && f->supported() ? f->introduced->text() : "-";
      if (f && f->supported() && f->supervised.value_or(false)) cell += "S";
      line += fmt::format("{:<{}}", cell, width(p));
    }
    if (!s->origin.empty()) line += fmt::format("[{}]", s->origin);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
    ++count;
    apps += s->origin.empty() ? 0 : 1;
  }
  if (declarations) {
    out += fmt::format("{} declaration types (version = introduced in; - = not available)\n", count);
  } else {
    out += fmt::format("{} payload types (version = introduced in; S = needs supervision; - = not available)\n", count);
    if (apps > 0) out += fmt::format("{} of them from app schemas, marked with their source [...]\n", apps);
  }
  return out;
}

std::string render_schema_list_json(const schema::SchemaSet& schemas, std::optional<Platform> platform,
                                    SchemaKind kind) {
  const bool declarations = kind == SchemaKind::kDeclaration;
  JsonWriter json;
  json.begin_array();
  for (const std::string& type : declarations ? schemas.declaration_types() : schemas.payload_types()) {
    const schema::PayloadSchema* s = declarations ? schemas.find_declaration(type) : schemas.find(type);
    if (!s) continue;
    if (platform) {
      const auto f = schema::payload_facts(*s, *platform);
      if (!f || !f->supported()) continue;
    }
    json.begin_object();
    schema_header_json(json, *s);
    json.end_object();
  }
  json.end_array();
  return json.str();
}

std::string render_schema(const schema::PayloadSchema& s) {
  std::string out = fmt::format("{} ({})\n{}\nsource: {}\n", s.payload_type, s.title, s.doc_url, s.source_path);
  if (!s.origin.empty()) out += fmt::format("origin: {}\n", s.origin);
  if (s.kind == SchemaKind::kDeclaration) {
    out += fmt::format("kind: declaration ({}; apply: {})\n", s.declaration_class, s.apply.empty() ? "-" : s.apply);
  }
  if (!s.description.empty()) out += fmt::format("\n{}", wrap_text(s.description, kTextWidth));
  out += fmt::format("\nplatforms:\n{}", matrix(payload_matrix(s)));
  for (const Group& group : s.groups) {
    if (group.is_variant()) {
      out += fmt::format("\nkeys of variant '{}' (when {} = \"{}\"):\n", group.variant, group.when_key,
                         group.when_value);
    } else if (s.groups.size() > 1) {
      out += fmt::format("\nkeys from {} ({}):\n", group.file, group.title);
    } else {
      out += "\nkeys:\n";
    }
    std::vector<const Key*> chain;
    std::vector<int> open_types;
    key_lines(out, s, group, chain, group.keys, 0, open_types);
  }
  if (s.kind != SchemaKind::kDeclaration) out += "\noverlay (profilec's own facts):\n" + overlay_summary(s.overlay);
  if (!s.not_expressed.empty()) {
    out += "\nnot checked (the manifest says it, profilec's model cannot: PC0044):\n";
    for (const std::string& what : s.not_expressed) out += fmt::format("  {}\n", what);
  }
  return out;
}

std::string render_schema_json(const schema::PayloadSchema& s) {
  JsonWriter json;
  json.begin_object();
  schema_header_json(json, s);
  json.key("groups").begin_array();
  for (const Group& group : s.groups) {
    json.begin_object();
    json.member("file", group.file);
    json.member("title", group.title);
    if (!group.description.empty()) json.member("description", group.description);
    if (group.is_variant()) {
      json.member("variant", group.variant);
      json.member("when_key", group.when_key);
      json.member("when_value", group.when_value);
    }
    std::vector<const Key*> chain;
    json.key("keys");
    keys_json(json, s, &group, chain, group.keys);
    json.end_object();
  }
  json.end_array();
  json.key("types").begin_object();
  for (const auto& type : s.types) {
    std::vector<const Key*> chain;
    json.key(type.name);
    keys_json(json, s, nullptr, chain, type.keys);
  }
  json.end_object();
  json.key("overlay").begin_object();
  json.key("combine").begin_array();
  for (const auto& c : s.overlay.combine) {
    json.begin_object().member("path", c.path.text()).member("rule", schema::combine_rule_name(c.rule)).end_object();
  }
  json.end_array();
  json.key("secret").begin_array();
  for (const auto& sf : s.overlay.secrets) json.value(sf.path.text());
  json.end_array();
  json.key("reference").begin_array();
  for (const auto& r : s.overlay.references) {
    json.begin_object().member("path", r.path.text()).key("types").begin_array();
    for (const auto& t : r.types) json.value(t);
    json.end_array().end_object();
  }
  json.end_array();
  if (s.overlay.exclusive) json.member("exclusive", s.overlay.exclusive->reason);
  json.end_object();
  json.end_object();
  return json.str();
}

std::optional<std::string> render_key(const schema::PayloadSchema& s, const std::string& path) {
  Located where = locate(s, path);
  if (!where.group) return std::nullopt;
  const Group* group = where.group;
  std::vector<const Key*>& chain = where.chain;
  const Key& key = *chain.back();
  FactsByPlatform facts;
  for (Platform p : kAllPlatforms) facts[static_cast<std::size_t>(p)] = schema::effective_facts(*group, chain, p);
  std::string out = fmt::format("{} {}{}\ntype: {}{}\n", s.payload_type, path,
                                key.title.empty() ? "" : fmt::format(" ({})", key.title),
                                schema::value_type_name(key.type),
                                presence(key).empty() ? "" : fmt::format(", {}", presence(key)));
  const std::string c = constraints(key);
  if (!c.empty()) out += "constraints: " + c + "\n";
  if (!key.description.empty()) out += fmt::format("\n{}", wrap_text(key.description, kTextWidth));
  out += fmt::format("\nplatforms (inherited from the payload, fact by fact):\n{}", matrix(facts));
  const auto& children = s.children(key);
  if (!children.empty()) {
    out += "\nsubkeys:\n";
    std::vector<int> open_types;
    if (key.subkeys_type >= 0) open_types.push_back(key.subkeys_type);
    key_lines(out, s, *group, chain, children, 0, open_types);
  }
  return out;
}

std::optional<std::string> render_key_json(const schema::PayloadSchema& s, const std::string& path) {
  Located where = locate(s, path);
  if (!where.group) return std::nullopt;
  const Group* group = where.group;
  std::vector<const Key*>& chain = where.chain;
  JsonWriter json;
  json.begin_object();
  json.member("payloadtype", s.payload_type);
  json.member("path", path);
  const Key* key = chain.back();
  chain.pop_back();
  json.key("key");
  // One-element key list, reusing the tree writer, then unwrap by convention.
  std::vector<Key> single = {*key};
  keys_json(json, s, group, chain, single);
  json.end_object();
  return json.str();
}

std::vector<std::string> key_path_candidates(const schema::PayloadSchema& s, const std::string& path) {
  return locate(s, path).near;
}

}  // namespace profilec::cli
