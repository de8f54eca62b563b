#include "lsp/hover.h"

#include <fmt/format.h>

#include "diag/diagnostic.h"
#include "lsp/schema_lookup.h"
#include "lsp/toml_context.h"
#include "schema/resolve_facts.h"
#include "schema/schema_text.h"

namespace profilec::lsp {
namespace {

// What the schema says a key means: its title, then Apple's description
// (schemas/, from the upstream `content`), each when there is one.
std::string key_meaning(const schema::Key& key) {
  if (key.title.empty() || key.description.empty()) return key.title + key.description;
  return fmt::format("{}\n\n{}", key.title, key.description);
}

std::string key_markdown(const schema::PayloadSchema& schema, const KeyChain& found) {
  const schema::Key& key = *found.chain.back();
  std::string out = fmt::format("**{}**", key.name);
  const std::string presence = schema::presence(key);
  out += fmt::format(" `{}`{}\n\n", schema::value_type_name(key.type), presence.empty() ? "" : ", " + presence);
  const std::string meaning = key_meaning(key);
  if (!meaning.empty()) out += meaning + "\n\n";
  const std::string constraints = schema::constraints(key);
  if (!constraints.empty()) out += constraints + "\n\n";
  schema::FactsByPlatform facts;
  for (schema::Platform p : schema::kAllPlatforms)
    facts[static_cast<std::size_t>(p)] = schema::effective_facts(*found.group, found.chain, p);
  out += "```\n" + schema::matrix(facts) + "```\n";
  if (!schema.doc_url.empty()) out += fmt::format("\n[{}]({})\n", schema.payload_type, schema.doc_url);
  return out;
}

std::string payload_markdown(const schema::PayloadSchema& schema) {
  std::string out = fmt::format("**{}**", schema.payload_type);
  if (!schema.title.empty()) out += " — " + schema.title;
  out += "\n\n```\n" + schema::matrix(schema::payload_matrix(schema)) + "```\n";
  if (!schema.doc_url.empty()) out += fmt::format("\n[Apple's documentation]({})\n", schema.doc_url);
  return out;
}

std::string rule_markdown(const DiagnosticInfo& rule) {
  return fmt::format("**{}** `{}` ({} by default)\n\n{}\n", rule.id, rule.name, severity_name(rule.default_severity),
                     rule.summary);
}

}  // namespace

std::optional<Hover> hover(const TextDocument& document, std::size_t offset, DocumentKind kind,
                           const schema::SchemaSet& schemas) {
  const WordAt word = word_at(document, offset);
  if (word.text.empty()) return std::nullopt;
  const std::string_view line =
      document.line_text(static_cast<std::size_t>(document.position_of(word.begin, PositionEncoding::kUtf8).line));
  const TomlContext context = toml_context(document, word.begin);
  // A rule: in profilec.toml's [rules], or in an allow comment.
  const bool rules_table = kind == DocumentKind::kProjectFile && context.table.size() == 1 &&
                           context.table.front() == "rules";
  if (rules_table || line.find("profilec: allow") != std::string_view::npos) {
    if (const DiagnosticInfo* rule = find_diagnostic(word.text))
      return Hover{rule_markdown(*rule), word.begin, word.end};
  }
  if (kind != DocumentKind::kPolicy || context.table.size() < 2 || context.table.front() != "payload")
    return std::nullopt;
  std::vector<std::string> path(context.table.begin() + 2, context.table.end());
  path.insert(path.end(), context.nested.begin(), context.nested.end());
  if (word.quoted && context.place == TomlContext::Place::kValue && path.empty() && context.key == "type") {
    if (const schema::PayloadSchema* schema = schemas.find(word.text))
      return Hover{payload_markdown(*schema), word.begin, word.end};
    return std::nullopt;
  }
  if (context.place != TomlContext::Place::kKey) return std::nullopt;
  const auto header = payload_header_line(document, context.table[1], context.table_line);
  if (!header) return std::nullopt;
  const schema::PayloadSchema* schema = schemas.find(table_string_value(document, *header, "type"));
  if (!schema) return std::nullopt;
  path.push_back(word.text);
  auto found = find_key(*schema, schemas, path);
  if (!found) return std::nullopt;
  return Hover{key_markdown(*schema, *found), word.begin, word.end};
}

}  // namespace profilec::lsp
