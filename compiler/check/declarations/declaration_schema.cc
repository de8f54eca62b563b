// PC6001-PC6006 and PC6008: a declaration's Payload against its schema. The
// walk follows the value: a dictionary's keys against the schema keys of
// its level, an array's items against its one item key, a value of the
// wrong type is reported and not entered.
#include <fmt/format.h>

#include <algorithm>
#include <variant>

#include "base/spelling.h"
#include "check/declarations/check_declarations.h"

namespace profilec::check {
namespace {

using schema::Key;
using schema::ValueType;

bool fits(const ir::Value& value, ValueType type) {
  using Kind = ir::Value::Kind;
  switch (type) {
    case ValueType::kString: return value.kind() == Kind::kString;
    case ValueType::kInteger: return value.kind() == Kind::kInteger || value.kind() == Kind::kBigUnsigned;
    case ValueType::kReal: return value.kind() == Kind::kReal || value.kind() == Kind::kInteger;
    case ValueType::kBoolean: return value.kind() == Kind::kBoolean;
    case ValueType::kDate: return value.kind() == Kind::kDate || value.kind() == Kind::kString;
    case ValueType::kData: return value.kind() == Kind::kData || value.kind() == Kind::kString;
    case ValueType::kArray: return value.kind() == Kind::kArray;
    case ValueType::kDictionary: return value.kind() == Kind::kDict;
    case ValueType::kAny: return true;
  }
  return true;
}

std::string_view json_type_name(const ir::Value& value) {
  using Kind = ir::Value::Kind;
  switch (value.kind()) {
    case Kind::kBoolean: return "boolean";
    case Kind::kInteger:
    case Kind::kBigUnsigned: return "integer";
    case Kind::kReal: return "real";
    case Kind::kString: return "string";
    case Kind::kDate: return "date";
    case Kind::kData: return "data";
    case Kind::kArray: return "array";
    case Kind::kDict: return "dictionary";
  }
  return "value";
}

bool equals(const ir::Value& value, const schema::Scalar& allowed) {
  return std::visit(
      [&](const auto& a) {
        using A = std::decay_t<decltype(a)>;
        if constexpr (std::is_same_v<A, std::string>) return value.is_string() && value.string() == a;
        else if constexpr (std::is_same_v<A, bool>) return value.is_boolean() && value.boolean() == a;
        else if constexpr (std::is_same_v<A, std::int64_t>)
          return value.kind() == ir::Value::Kind::kInteger && value.integer() == a;
        else
          return (value.kind() == ir::Value::Kind::kReal && value.real() == a) ||
                 (value.kind() == ir::Value::Kind::kInteger && static_cast<double>(value.integer()) == a);
      },
      allowed);
}

class DeclarationWalk {
 public:
  DeclarationWalk(const ir::Declaration& declaration, const schema::PayloadSchema& schema, Diagnostics& diagnostics)
      : declaration_(declaration), schema_(schema), diagnostics_(diagnostics) {}

  void dict(const ir::Value& value, const std::vector<Key>& keys, const std::string& where) {
    const Key* any = nullptr;
    for (const Key& k : keys) {
      if (k.is_any_name()) any = &k;
    }
    for (const ir::DictEntry& entry : value.dict()) {
      auto it = std::find_if(keys.begin(), keys.end(), [&](const Key& k) { return k.name == entry.key; });
      const Key* key = it != keys.end() ? &*it : any;
      const std::string path = where.empty() ? entry.key : fmt::format("{}.{}", where, entry.key);
      if (!key) {
        std::vector<std::string> names;
        names.reserve(keys.size());
        for (const Key& k : keys) names.push_back(k.name);
        auto suggestion = closest_spelling(entry.key, names);
        diagnostics_.report(DiagnosticCode::PC6002, entry.key_span,
                            fmt::format("unknown key '{}' in {}", path, declaration_.type),
                            suggestion ? fmt::format("did you mean '{}'?", *suggestion)
                                       : fmt::format("see `profilec schema show {}`", declaration_.type));
        continue;
      }
      this->value(entry.value, *key, path);
    }
    for (const Key& k : keys) {
      if (k.presence != schema::Presence::kRequired || k.is_any_name()) continue;
      if (value.find(k.name)) continue;
      const std::string path = where.empty() ? k.name : fmt::format("{}.{}", where, k.name);
      diagnostics_.report(DiagnosticCode::PC6006, where.empty() ? declaration_.span : value.span,
                          fmt::format("{} '{}' has no '{}', which its type requires", declaration_.type,
                                      declaration_.name, path),
                          fmt::format("add {} = ...", k.name));
    }
  }

  void value(const ir::Value& v, const Key& key, const std::string& path) {
    if (!fits(v, key.type)) {
      diagnostics_.report(DiagnosticCode::PC6003, v.span,
                          fmt::format("'{}' must be a {}, found a {}", path, schema::value_type_name(key.type),
                                      json_type_name(v)));
      return;
    }
    if (!key.allowed_values.empty() && !v.is_array() && !v.is_dict() &&
        std::none_of(key.allowed_values.begin(), key.allowed_values.end(),
                     [&](const schema::Scalar& a) { return equals(v, a); })) {
      std::string list;
      for (const auto& a : key.allowed_values) list += (list.empty() ? "" : ", ") + schema::format_scalar(a);
      diagnostics_.report(DiagnosticCode::PC6004, v.span,
                          fmt::format("'{}' is not an allowed value of '{}'", v.is_string() ? v.string() : "this",
                                      path),
                          fmt::format("allowed: {}", list));
    }
    const bool number = v.kind() == ir::Value::Kind::kInteger || v.kind() == ir::Value::Kind::kReal;
    if (number && (key.range_min || key.range_max)) {
      const double n = v.kind() == ir::Value::Kind::kInteger ? static_cast<double>(v.integer()) : v.real();
      if ((key.range_min && n < *key.range_min) || (key.range_max && n > *key.range_max)) {
        diagnostics_.report(DiagnosticCode::PC6005, v.span,
                            fmt::format("'{}' = {} is out of range", path,
                                        v.kind() == ir::Value::Kind::kInteger ? fmt::format("{}", v.integer())
                                                                              : fmt::format("{}", v.real())),
                            fmt::format("allowed: {}..{}", key.range_min ? fmt::format("{}", *key.range_min) : "",
                                        key.range_max ? fmt::format("{}", *key.range_max) : ""));
      }
    }
    const std::vector<Key>& children = schema_.children(key);
    if (v.is_dict() && !children.empty()) dict(v, children, path);
    if (v.is_array() && !children.empty()) {
      for (std::size_t i = 0; i < v.array().size(); ++i)
        value(v.array()[i], children.front(), fmt::format("{}[{}]", path, i));
    }
  }

 private:
  const ir::Declaration& declaration_;
  const schema::PayloadSchema& schema_;
  Diagnostics& diagnostics_;
};

// The keys from the payload down to the { declaration = } value at `span`
// (array items add none): a reference may sit in a dictionary, as an
// account's IncomingServer.AuthenticationCredentialsAssetReference does.
bool key_path_to(const ir::Value& value, const SourceSpan& span, std::vector<std::string>& path) {
  if (value.is_string()) return value.span.begin == span.begin && value.span.end == span.end;
  if (value.is_dict()) {
    for (const ir::DictEntry& entry : value.dict()) {
      path.push_back(entry.key);
      if (key_path_to(entry.value, span, path)) return true;
      path.pop_back();
    }
  } else if (value.is_array()) {
    for (const ir::Value& item : value.array()) {
      if (key_path_to(item, span, path)) return true;
    }
  }
  return false;
}

// The declaration types the key at `path` may name: Apple's `assettypes`;
// an activation's StandardConfigurations names configurations (our fact:
// Apple's data says so only in prose, docs/ddm.md).
std::vector<std::string> allowed_targets(const schema::PayloadSchema& schema, const std::vector<std::string>& path) {
  if (schema.declaration_class == "activation" && path.size() == 1 && path.front() == "StandardConfigurations")
    return {"com.apple.configuration.*"};
  const std::vector<Key>* keys = &schema.groups.front().keys;
  const Key* found = nullptr;
  for (const std::string& name : path) {
    if (found) keys = &schema.children(*found);
    auto it = std::find_if(keys->begin(), keys->end(), [&](const Key& k) { return k.name == name; });
    if (it == keys->end()) return {};
    found = &*it;
  }
  if (!found) return {};
  if (!found->references.empty()) return found->references;
  const auto& children = schema.children(*found);
  if (!children.empty() && !children.front().references.empty()) return children.front().references;
  return {};
}

std::string joined(const std::vector<std::string>& path) {
  std::string out;
  for (const std::string& name : path) out += (out.empty() ? "" : ".") + name;
  return out;
}

bool type_matches(std::string_view type, std::string_view pattern) {
  if (pattern.ends_with('*')) return type.starts_with(pattern.substr(0, pattern.size() - 1));
  return type == pattern;
}

}  // namespace

void check_declaration_schema(const ir::Declaration& declaration, const std::vector<ir::Declaration>& all,
                              const schema::SchemaSet& schemas, Diagnostics& diagnostics) {
  const schema::PayloadSchema* schema = schemas.find_declaration(declaration.type);
  if (!schema) {
    const auto known = schemas.declaration_types();
    std::string help = "see `profilec schema list --kind declaration`";
    if (schemas.find(declaration.type)) {
      help = "that is a payload type: write it as a [payload.<name>] table of a profile";
    } else if (auto suggestion = closest_spelling(declaration.type, known)) {
      help = fmt::format("did you mean '{}'?", *suggestion);
    }
    diagnostics.report(DiagnosticCode::PC6001, declaration.type_span,
                       fmt::format("unknown declaration type '{}'", declaration.type), std::move(help));
    return;
  }
  DeclarationWalk walk(declaration, *schema, diagnostics);
  walk.dict(declaration.payload, schema->groups.front().keys, "");
  for (const ir::DeclarationReference& reference : declaration.references) {
    std::vector<std::string> path;
    if (!key_path_to(declaration.payload, reference.span, path)) path = {reference.key};
    const std::vector<std::string> allowed = allowed_targets(*schema, path);
    auto target = std::find_if(all.begin(), all.end(),
                               [&](const ir::Declaration& d) { return d.name == reference.target; });
    if (target == all.end()) continue;
    if (allowed.empty()) {
      diagnostics.report(DiagnosticCode::PC6008, reference.span,
                         fmt::format("'{}' of {} does not name a declaration", joined(path), declaration.type),
                         "write the value itself");
      continue;
    }
    if (std::any_of(allowed.begin(), allowed.end(),
                    [&](const std::string& p) { return type_matches(target->type, p); }))
      continue;
    std::string list;
    for (const auto& t : allowed) list += (list.empty() ? "" : ", ") + t;
    Diagnostic& d = diagnostics.report(DiagnosticCode::PC6008, reference.span,
                                       fmt::format("'{}' needs a {}, but declaration '{}' is a {}", joined(path), list,
                                                   target->name, target->type));
    d.notes.push_back({target->type_span, fmt::format("declaration '{}' is declared here", target->name)});
  }
}

}  // namespace profilec::check
