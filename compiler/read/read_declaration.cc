#include "read/read_declaration.h"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <set>

#include "base/json_reader.h"

namespace profilec::read {
namespace {

constexpr std::string_view kEnvelopeMembers[] = {"Type", "Identifier", "ServerToken", "Payload"};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool has_declaration_prefix(std::string_view type) {
  return std::any_of(std::begin(kDeclarationTypePrefixes), std::end(kDeclarationTypePrefixes),
                     [&](std::string_view prefix) { return type.starts_with(prefix); });
}

class Lowering {
 public:
  Lowering(const std::string& path, Diagnostics& diagnostics)
      : path_(std::make_shared<const std::string>(path)), diagnostics_(diagnostics) {}

  SourceSpan span(SourcePosition at) const { return SourceSpan{path_, at, at}; }

  void malformed(SourcePosition at, std::string message, std::string help = {}) {
    diagnostics_.report(DiagnosticCode::PC6041, span(at), std::move(message), std::move(help));
  }

  // A JSON value as a plist value; nullopt for null (reported).
  std::optional<ir::Value> value(const JsonValue& json, std::string_view where) {
    switch (json.kind) {
      case JsonValue::Kind::kNull:
        malformed(json.position, fmt::format("'{}' is null, which a declaration cannot hold", where),
                  "leave the key out instead");
        return std::nullopt;
      case JsonValue::Kind::kBool: return ir::make_boolean(json.boolean, span(json.position));
      case JsonValue::Kind::kInteger: return ir::make_integer(json.integer, span(json.position));
      case JsonValue::Kind::kDouble: return ir::make_real(json.number, span(json.position));
      case JsonValue::Kind::kString: return ir::make_string(json.string, span(json.position));
      case JsonValue::Kind::kArray: {
        ir::Array items;
        items.reserve(json.items.size());
        for (std::size_t i = 0; i < json.items.size(); ++i) {
          if (auto item = value(json.items[i], fmt::format("{}[{}]", where, i))) items.push_back(std::move(*item));
        }
        return ir::make_array(std::move(items), span(json.position));
      }
      case JsonValue::Kind::kObject: return object(json, where);
    }
    return std::nullopt;
  }

  ir::Value object(const JsonValue& json, std::string_view where) {
    ir::Dict entries;
    entries.reserve(json.members.size());
    std::set<std::string_view> seen;
    for (const JsonMember& member : json.members) {
      const std::string path = where.empty() ? member.name : fmt::format("{}.{}", where, member.name);
      if (!seen.insert(member.name).second) {
        malformed(member.name_position, fmt::format("'{}' is set twice", path), "a device reads one of them: keep one");
        continue;
      }
      if (auto v = value(member.value, path))
        entries.push_back(ir::DictEntry{member.name, span(member.name_position), std::move(*v)});
    }
    return ir::make_dict(std::move(entries), span(json.position));
  }

  // A top-level member that must be a string; nullptr (reported) when it is
  // missing or not one.
  const JsonValue* string_member(const JsonValue& top, std::string_view name, std::string_view help) {
    const JsonValue* member = top.find(name);
    if (!member) {
      malformed(top.position, fmt::format("the declaration has no '{}'", name), std::string(help));
      return nullptr;
    }
    if (!member->is_string()) {
      malformed(member->position, fmt::format("'{}' must be a string", name), std::string(help));
      return nullptr;
    }
    return member;
  }

 private:
  std::shared_ptr<const std::string> path_;
  Diagnostics& diagnostics_;
};

}  // namespace

bool claims_declaration(std::string_view text) {
  constexpr std::string_view kMember = "\"Type\"";
  for (std::size_t at = text.find(kMember); at != std::string_view::npos; at = text.find(kMember, at + 1)) {
    std::size_t i = at + kMember.size();
    while (i < text.size() && is_space(text[i])) ++i;
    if (i >= text.size() || text[i] != ':') continue;
    ++i;
    while (i < text.size() && is_space(text[i])) ++i;
    if (i >= text.size() || text[i] != '"') continue;
    if (has_declaration_prefix(text.substr(i + 1))) return true;
  }
  return false;
}

DeclarationRead read_declaration(std::string_view text, const std::string& path, std::string_view name,
                                 Diagnostics& diagnostics) {
  DeclarationRead out;
  auto json = read_json(text);
  Lowering lowering(path, diagnostics);
  if (!json) {
    diagnostics.report(DiagnosticCode::PC6040, lowering.span(json.error().position),
                       fmt::format("not well-formed JSON: {}", json.error().message),
                       "a declaration file is one JSON object (RFC 8259): no comments, no trailing commas");
    out.shape = DeclarationShape::kMalformed;
    return out;
  }
  const JsonValue& top = *json;
  const JsonValue* type = top.is_object() ? top.find("Type") : nullptr;
  if (!type || !type->is_string() || !has_declaration_prefix(type->string)) return out;  // other JSON

  out.shape = DeclarationShape::kMalformed;
  std::set<std::string_view> seen;
  for (const JsonMember& member : top.members) {
    const bool known = std::find(std::begin(kEnvelopeMembers), std::end(kEnvelopeMembers), member.name) !=
                       std::end(kEnvelopeMembers);
    if (!known) {
      lowering.malformed(member.name_position, fmt::format("'{}' is not a member of a declaration", member.name),
                         "a declaration has Type, Identifier, ServerToken and Payload; its settings go in Payload");
    } else if (!seen.insert(member.name).second) {
      lowering.malformed(member.name_position, fmt::format("'{}' is set twice", member.name),
                         "a device reads one of them: keep one");
    }
  }
  const JsonValue* identifier = lowering.string_member(
      top, "Identifier", "the Identifier names the declaration: a unique string, usually a UUID");
  lowering.string_member(top, "ServerToken", "the ServerToken tells a device the declaration changed: a string");
  const JsonValue* payload = top.find("Payload");
  if (!payload) {
    lowering.malformed(top.position, "the declaration has no 'Payload'", "add \"Payload\": {} with its settings");
  } else if (!payload->is_object()) {
    lowering.malformed(payload->position, "'Payload' must be an object", "write the settings as a JSON object");
  }
  if (!identifier || !payload || !payload->is_object()) return out;

  ir::Declaration declaration;
  declaration.name = std::string(name);
  declaration.type = type->string;
  declaration.type_span = lowering.span(type->position);
  declaration.span = lowering.span(payload->position);
  declaration.identifier = identifier->string;
  declaration.payload = lowering.object(*payload, "");
  out.shape = DeclarationShape::kDeclaration;
  out.declaration = std::move(declaration);
  return out;
}

}  // namespace profilec::read
