#include "schema/load_schema.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <map>
#include <set>

namespace profilec::schema {
namespace {

// Thrown inside the loader only; turned into an Expected at the boundary.
struct LoadFailure {
  SchemaError error;
};

class Reader {
 public:
  explicit Reader(const std::string& path) : path_(path) {}

  [[noreturn]] void fail(const toml::node& at, std::string message) const {
    throw LoadFailure{SchemaError{path_, at.source().begin.line, at.source().begin.column, std::move(message)}};
  }

  // Every key of `table` must be one of `known`.
  void only(const toml::table& table, std::string_view where, std::initializer_list<std::string_view> known) const {
    only_if(table, where,
            [&](std::string_view name) { return std::find(known.begin(), known.end(), name) != known.end(); });
  }

  // Fails on the first field of `table` that `is_known` refuses.
  template <typename IsKnown>
  void only_if(const toml::table& table, std::string_view where, IsKnown&& is_known) const {
    for (auto&& [key, node] : table) {
      if (!is_known(key.str())) {
        throw LoadFailure{SchemaError{path_, key.source().begin.line, key.source().begin.column,
                                      fmt::format("unknown field '{}' in {}", key.str(), where)}};
      }
    }
  }

  const toml::table& table(const toml::node& node, std::string_view what) const {
    if (const auto* t = node.as_table()) return *t;
    fail(node, fmt::format("{} must be a table", what));
  }

  const toml::array& array(const toml::node& node, std::string_view what) const {
    if (const auto* a = node.as_array()) return *a;
    fail(node, fmt::format("{} must be an array", what));
  }

  std::string string(const toml::node& node, std::string_view what) const {
    if (const auto* s = node.as_string()) return s->get();
    fail(node, fmt::format("{} must be a string", what));
  }

  bool boolean(const toml::node& node, std::string_view what) const {
    if (const auto* b = node.as_boolean()) return b->get();
    fail(node, fmt::format("{} must be true or false", what));
  }

  std::int64_t integer(const toml::node& node, std::string_view what) const {
    if (const auto* i = node.as_integer()) return i->get();
    fail(node, fmt::format("{} must be an integer", what));
  }

  double number(const toml::node& node, std::string_view what) const {
    if (const auto* i = node.as_integer()) return static_cast<double>(i->get());
    if (const auto* f = node.as_floating_point()) return f->get();
    fail(node, fmt::format("{} must be a number", what));
  }

  const toml::node& required(const toml::table& table, std::string_view field, std::string_view where) const {
    if (const toml::node* node = table.get(field)) return *node;
    fail(table, fmt::format("{} has no '{}'", where, field));
  }

  std::string optional_string(const toml::table& table, std::string_view field) const {
    const toml::node* node = table.get(field);
    return node ? string(*node, field) : std::string();
  }

  const std::string& path() const { return path_; }

 private:
  const std::string& path_;
};

OsVersion version(const Reader& r, const toml::node& node, std::string_view what) {
  const std::string text = r.string(node, what);
  auto parsed = OsVersion::parse(text);
  if (!parsed) r.fail(node, fmt::format("{} '{}' is not a version (like \"17.0\"), \"n/a\" or \"all\"", what, text));
  return *parsed;
}

Mode mode(const Reader& r, const toml::node& node, std::string_view what) {
  const std::string text = r.string(node, what);
  auto parsed = mode_from_name(text);
  if (!parsed) r.fail(node, fmt::format("{} '{}' is not allowed, required, forbidden or ignored", what, text));
  return *parsed;
}

PlatformFacts platform_facts(const Reader& r, const toml::table& table) {
  r.only_if(table, "platform facts", [](std::string_view name) {
    return std::any_of(kPlatformFactInfo.begin(), kPlatformFactInfo.end(),
                       [&](const PlatformFactInfo& fact) { return fact.field == name; });
  });
  PlatformFacts facts;
  for_each_platform_fact(facts, [&](const PlatformFactInfo& info, auto& fact) {
    const toml::node* n = table.get(info.field);
    if (!n) return;
    using T = typename std::remove_cvref_t<decltype(fact)>::value_type;
    if constexpr (std::is_same_v<T, OsVersion>) fact = version(r, *n, info.field);
    else if constexpr (std::is_same_v<T, bool>) fact = r.boolean(*n, info.field);
    else fact = mode(r, *n, info.field);
  });
  return facts;
}

OsFacts os_facts(const Reader& r, const toml::node& node) {
  OsFacts out;
  for (auto&& [key, value] : r.table(node, "os")) {
    auto platform = platform_from_name(key.str());
    if (!platform) {
      std::string known;
      for (Platform p : kAllPlatforms) known += fmt::format("{}{}", known.empty() ? "" : ", ", platform_name(p));
      throw LoadFailure{SchemaError{r.path(), key.source().begin.line, key.source().begin.column,
                                    fmt::format("unknown platform '{}' ({})", key.str(), known)}};
    }
    out[static_cast<std::size_t>(*platform)] = platform_facts(r, r.table(value, "platform facts"));
  }
  return out;
}

Scalar scalar(const Reader& r, const toml::node& node, ValueType type, std::string_view what) {
  switch (type) {
    case ValueType::kString: return r.string(node, what);
    case ValueType::kInteger: return r.integer(node, what);
    case ValueType::kReal: return r.number(node, what);
    case ValueType::kBoolean: return r.boolean(node, what);
    default: r.fail(node, fmt::format("a {} key cannot have a {}", value_type_name(type), what));
  }
}

// Type references are by name in the file and by index in the model. All
// names are collected before any key is read, so types may refer to each
// other (and to themselves) in any order.
class SchemaLoader {
 public:
  explicit SchemaLoader(const std::string& path) : r_(path) {}

  PayloadSchema load(const toml::table& root) {
    r_.only(root, "the file",
            {"format", "kind", "payloadtype", "title", "doc_url", "description", "upstream", "groups", "types", "class",
             "apply"});
    const std::int64_t format = r_.integer(r_.required(root, "format", "the file"), "format");
    if (format != 1)
      r_.fail(*root.get("format"), fmt::format("unsupported schema format {} (this profilec reads 1)", format));
    PayloadSchema schema;
    schema.source_path = r_.path();
    const std::string kind = r_.string(r_.required(root, "kind", "the file"), "kind");
    if (auto parsed = schema_kind_from_name(kind)) schema.kind = *parsed;
    else
      r_.fail(*root.get("kind"),
              fmt::format("kind '{}' is not payload, profile, common, declaration or declarationbase", kind));
    schema.payload_type = r_.string(r_.required(root, "payloadtype", "the file"), "payloadtype");
    if (schema.payload_type.empty()) r_.fail(*root.get("payloadtype"), "payloadtype is empty");
    schema.title = r_.optional_string(root, "title");
    schema.doc_url = r_.optional_string(root, "doc_url");
    schema.description = r_.optional_string(root, "description");
    schema.upstream = r_.optional_string(root, "upstream");
    schema.declaration_class = r_.optional_string(root, "class");
    schema.apply = r_.optional_string(root, "apply");
    if (schema.kind != SchemaKind::kDeclaration && (root.get("class") || root.get("apply")))
      r_.fail(root, "'class' and 'apply' belong to declarations");
    if (!schema.apply.empty() && schema.apply != "single" && schema.apply != "multiple" && schema.apply != "combined")
      r_.fail(*root.get("apply"), fmt::format("apply '{}' is not single, multiple or combined", schema.apply));

    if (const toml::node* types = root.get("types")) {
      const toml::table& table = r_.table(*types, "types");
      // First the names (so references resolve), then the bodies.
      for (auto&& [name, body] : table) {
        type_index_.emplace(std::string(name.str()), schema.types.size());
        schema.types.push_back(NamedType{std::string(name.str()), {}, false});
      }
      std::size_t i = 0;
      for (auto&& [name, body] : table) {
        const toml::table& t = r_.table(body, "a named type");
        r_.only(t, fmt::format("type '{}'", name.str()), {"keys", "derived_name"});
        NamedType& named = schema.types[i++];
        if (const toml::node* d = t.get("derived_name")) named.derived_name = r_.boolean(*d, "derived_name");
        named.keys = keys(r_.required(t, "keys", fmt::format("type '{}'", name.str())));
      }
    }
    const toml::array& groups = r_.array(r_.required(root, "groups", "the file"), "groups");
    if (groups.empty()) r_.fail(*root.get("groups"), "a schema needs at least one group");
    for (const toml::node& g : groups) schema.groups.push_back(group(r_.table(g, "a group")));

    return schema;
  }

 private:
  Group group(const toml::table& t) {
    r_.only(t, "a group",
            {"file", "title", "doc_url", "description", "os", "keys", "variant", "when_key", "when_value"});
    Group g;
    g.file = r_.optional_string(t, "file");
    g.title = r_.optional_string(t, "title");
    g.doc_url = r_.optional_string(t, "doc_url");
    g.description = r_.optional_string(t, "description");
    if (const toml::node* os = t.get("os")) g.os = os_facts(r_, *os);
    if (const toml::node* k = t.get("keys")) g.keys = keys(*k);
    g.variant = r_.optional_string(t, "variant");
    g.when_key = r_.optional_string(t, "when_key");
    g.when_value = r_.optional_string(t, "when_value");
    if (g.is_variant() && (g.when_key.empty() || g.when_value.empty())) {
      r_.fail(t, fmt::format("variant '{}' needs when_key and when_value", g.variant));
    }
    return g;
  }

  std::vector<Key> keys(const toml::node& node) {
    std::vector<Key> out;
    const toml::array& array = r_.array(node, "keys");
    out.reserve(array.size());
    for (const toml::node& k : array) out.push_back(key(r_.table(k, "a key")));
    return out;
  }

  Key key(const toml::table& t) {
    r_.only(t, "a key",
            {"name", "title", "description", "type", "presence", "default", "rangelist", "range_min", "range_max",
             "format", "subtype", "repetition_min", "repetition_max", "subkeys_type", "os", "subkeys", "combinetype",
             "references"});
    Key k;
    k.name = r_.string(r_.required(t, "name", "a key"), "name");
    if (const toml::node* c = t.get("combinetype")) k.combinetype = r_.string(*c, "combinetype");
    if (const toml::node* refs = t.get("references"))
      for (const toml::node& ref : r_.array(*refs, "references")) k.references.push_back(r_.string(ref, "a reference"));
    const toml::node& type_node = r_.required(t, "type", fmt::format("key '{}'", k.name));
    const std::string type = r_.string(type_node, "type");
    auto parsed = value_type_from_name(type);
    if (!parsed) r_.fail(type_node, fmt::format("key '{}' has unknown type '{}'", k.name, type));
    k.type = *parsed;
    k.title = r_.optional_string(t, "title");
    k.description = r_.optional_string(t, "description");
    if (const toml::node* p = t.get("presence")) {
      const std::string presence = r_.string(*p, "presence");
      if (presence == "required") k.presence = Presence::kRequired;
      else if (presence == "optional") k.presence = Presence::kOptional;
      else r_.fail(*p, fmt::format("presence '{}' is not required or optional", presence));
    }
    if (const toml::node* d = t.get("default")) k.default_value = scalar(r_, *d, k.type, "default");
    if (const toml::node* list = t.get("rangelist")) {
      for (const toml::node& v : r_.array(*list, "rangelist"))
        k.allowed_values.push_back(scalar(r_, v, k.type, "rangelist value"));
    }
    if (const toml::node* n = t.get("range_min")) k.range_min = r_.number(*n, "range_min");
    if (const toml::node* n = t.get("range_max")) k.range_max = r_.number(*n, "range_max");
    if (const toml::node* n = t.get("repetition_min")) k.repetition_min = r_.integer(*n, "repetition_min");
    if (const toml::node* n = t.get("repetition_max")) k.repetition_max = r_.integer(*n, "repetition_max");
    k.format = r_.optional_string(t, "format");
    k.subtype = r_.optional_string(t, "subtype");
    if (const toml::node* os = t.get("os")) k.os = os_facts(r_, *os);
    const toml::node* subkeys = t.get("subkeys");
    const toml::node* subkeys_type = t.get("subkeys_type");
    if (subkeys && subkeys_type)
      r_.fail(*subkeys_type, fmt::format("key '{}' has both subkeys and subkeys_type", k.name));
    if (subkeys) k.subkeys = keys(*subkeys);
    if (subkeys_type) {
      const std::string name = r_.string(*subkeys_type, "subkeys_type");
      const auto it = type_index_.find(name);
      if (it == type_index_.end())
        r_.fail(*subkeys_type, fmt::format("subkeys_type '{}' is not defined in [types]", name));
      k.subkeys_type = static_cast<int>(it->second);
    }
    return k;
  }

  Reader r_;
  std::map<std::string, std::size_t, std::less<>> type_index_;
};

toml::table parse_toml(std::string_view text, const std::string& path) {
  try {
    return toml::parse(text, path);
  } catch (const toml::parse_error& error) {
    throw LoadFailure{
        SchemaError{path, error.source().begin.line, error.source().begin.column, std::string(error.description())}};
  }
}

KeyPath key_path(const Reader& r, const toml::table& entry, std::string_view kind) {
  const toml::node& node = r.required(entry, "path", fmt::format("a {} entry", kind));
  const std::string text = r.string(node, "path");
  KeyPath path;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = text.find('.', start);
    path.segments.push_back(text.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (path.segments.back().empty()) r.fail(node, fmt::format("path '{}' has an empty segment", text));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  path.variant = r.optional_string(entry, "variant");
  return path;
}

// Calls `each` with every entry of an optional array of tables.
template <typename Each>
void entries(const Reader& r, const toml::table& root, std::string_view field, Each each) {
  const toml::node* node = root.get(field);
  if (!node) return;
  for (const toml::node& entry : r.array(*node, field)) each(r.table(entry, fmt::format("a {} entry", field)));
}

Overlay overlay(const Reader& r, const toml::table& root, std::string& payload_type) {
  r.only(root, "the overlay",
         {"format", "payloadtype", "combine_complete", "combine", "secret", "reference", "exclusive"});
  const std::int64_t format = r.integer(r.required(root, "format", "the overlay"), "format");
  if (format != 1)
    r.fail(*root.get("format"), fmt::format("unsupported overlay format {} (this profilec reads 1)", format));
  payload_type = r.string(r.required(root, "payloadtype", "the overlay"), "payloadtype");
  Overlay out;
  out.source_path = r.path();
  if (const toml::node* n = root.get("combine_complete")) out.combine_complete = r.boolean(*n, "combine_complete");
  entries(r, root, "combine", [&](const toml::table& e) {
    r.only(e, "a combine entry", {"path", "rule", "variant", "note"});
    CombineFact fact{key_path(r, e, "combine"), CombineRule::kNone, r.optional_string(e, "note")};
    const toml::node& rule_node = r.required(e, "rule", "a combine entry");
    const std::string rule = r.string(rule_node, "rule");
    auto parsed = combine_rule_from_name(rule);
    if (!parsed) r.fail(rule_node, fmt::format("unknown combine rule '{}'", rule));
    fact.rule = *parsed;
    out.combine.push_back(std::move(fact));
  });
  entries(r, root, "secret", [&](const toml::table& e) {
    r.only(e, "a secret entry", {"path", "variant", "note"});
    out.secrets.push_back(SecretFact{key_path(r, e, "secret"), r.optional_string(e, "note")});
  });
  entries(r, root, "reference", [&](const toml::table& e) {
    r.only(e, "a reference entry", {"path", "types", "variant", "note"});
    ReferenceFact fact{key_path(r, e, "reference"), {}, r.optional_string(e, "note")};
    const toml::node& types = r.required(e, "types", "a reference entry");
    for (const toml::node& t : r.array(types, "types")) fact.types.push_back(r.string(t, "a referenced type"));
    if (fact.types.empty()) r.fail(types, "a reference needs at least one payload type");
    out.references.push_back(std::move(fact));
  });
  if (const toml::node* n = root.get("exclusive")) {
    const toml::table& e = r.table(*n, "exclusive");
    r.only(e, "exclusive", {"allow", "reason"});
    ExclusiveFact fact;
    if (const toml::node* allow = e.get("allow")) {
      for (const toml::node& t : r.array(*allow, "allow")) fact.allow.push_back(r.string(t, "an allowed type"));
    }
    fact.reason = r.optional_string(e, "reason");
    out.exclusive = std::move(fact);
  }
  return out;
}

}  // namespace

Expected<PayloadSchema, SchemaError> load_schema(std::string_view text, const std::string& path) {
  try {
    const toml::table root = parse_toml(text, path);
    return SchemaLoader(path).load(root);
  } catch (const LoadFailure& failure) {
    return Unexpected(failure.error);
  }
}

Expected<Overlay, SchemaError> load_overlay(std::string_view text, const std::string& path, std::string& payload_type) {
  try {
    const toml::table root = parse_toml(text, path);
    return overlay(Reader(path), root, payload_type);
  } catch (const LoadFailure& failure) {
    return Unexpected(failure.error);
  }
}

}  // namespace profilec::schema
