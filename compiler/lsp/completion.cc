#include "lsp/completion.h"

#include <fmt/format.h>

#include <algorithm>

#include "diag/diagnostic.h"
#include "lang/language_tables.h"
#include "lang/profile_fields.h"
#include "lang/stdlib.h"
#include "lsp/schema_lookup.h"
#include "lsp/toml_context.h"

namespace profilec::lsp {
namespace {

using Place = TomlContext::Place;

// Bare keys as they are; others quoted.
std::string key_text(std::string_view name) {
  const bool bare = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
  return bare ? std::string(name) : fmt::format("\"{}\"", name);
}

// A string value: quoted unless the cursor is already inside the quotes.
std::string string_text(std::string_view value, const TomlContext& context) {
  return context.in_string ? std::string(value) : fmt::format("\"{}\"", value);
}

void add(std::vector<CompletionItem>& items, std::string label, CompletionKind kind, std::string detail,
         std::string insert_text) {
  items.push_back({std::move(label), kind, std::move(detail), std::move(insert_text)});
}

void complete_schema_value(const schema::Key& key, const TomlContext& context, std::vector<CompletionItem>& items) {
  for (const schema::Scalar& value : key.allowed_values) {
    if (const auto* text = std::get_if<std::string>(&value)) {
      add(items, *text, CompletionKind::kEnumMember, key.title, string_text(*text, context));
    } else {
      const std::string shown = schema::format_scalar(value);
      add(items, shown, CompletionKind::kEnumMember, key.title, shown);
    }
  }
  if (key.type == schema::ValueType::kBoolean && key.allowed_values.empty() && !context.in_string) {
    add(items, "true", CompletionKind::kKeyword, key.title, "true");
    add(items, "false", CompletionKind::kKeyword, key.title, "false");
  }
}

void complete_payload(const TextDocument& document, const TomlContext& context, const CompletionInputs& inputs,
                      std::vector<CompletionItem>& items) {
  if (context.table.size() < 2) return;
  const std::vector<std::string> below_table(context.table.begin() + 2, context.table.end());
  std::vector<std::string> path = below_table;
  path.insert(path.end(), context.nested.begin(), context.nested.end());
  // The payload's own fields.
  if (context.place == Place::kValue && path.empty() && context.key == "type") {
    for (const std::string& type : inputs.schemas.payload_types()) {
      const schema::PayloadSchema* schema = inputs.schemas.find(type);
      add(items, type, CompletionKind::kValue, schema ? schema->title : "", string_text(type, context));
    }
    return;
  }
  if (context.place == Place::kValue && path.empty() && context.key == "use") {
    for (const std::string& name : lang::stdlib_fragment_names()) {
      const std::string use = "stdlib:" + name;
      add(items, use, CompletionKind::kFile, "stdlib fragment", string_text(use, context));
    }
    for (const std::string& name : inputs.repository_fragments)
      add(items, name, CompletionKind::kFile, "fragment", string_text(name, context));
    return;
  }
  const auto header = payload_header_line(document, context.table[1], context.table_line);
  if (!header) return;
  const std::string type = table_string_value(document, *header, "type");
  const schema::PayloadSchema* schema = inputs.schemas.find(type);
  if (context.place == Place::kKey) {
    if (path.empty()) {
      for (std::string_view field : lang::kPayloadTableFields)
        add(items, std::string(field), CompletionKind::kKeyword, "profilec", std::string(field));
    }
    if (!schema) return;
    for (const schema::Key* key : keys_at(*schema, inputs.schemas, path)) {
      if (key->is_any_name()) continue;
      add(items, key->name, CompletionKind::kProperty, key->title, key_text(key->name));
    }
    return;
  }
  if (!schema || context.key.empty()) return;
  path.push_back(context.key);
  if (auto found = find_key(*schema, inputs.schemas, path)) {
    const schema::Key* key = found->chain.back();
    // An array of scalars: its item's values.
    if (context.in_array && key->type == schema::ValueType::kArray && !schema->children(*key).empty())
      key = &schema->children(*key).front();
    complete_schema_value(*key, context, items);
  }
}

void complete_policy(const TextDocument& document, const TomlContext& context, const CompletionInputs& inputs,
                     std::vector<CompletionItem>& items) {
  if (context.place == Place::kHeader) {
    for (std::string_view table : lang::kTopLevelTables) {
      const std::string name = table == "payload" ? "payload." : std::string(table);
      add(items, name, CompletionKind::kModule, "policy table", name);
    }
    return;
  }
  if (context.table.empty()) return;
  const std::string& top = context.table.front();
  if (top == "profile" && context.table.size() == 1 && context.nested.empty()) {
    if (context.place == Place::kKey) {
      for (const lang::ProfileFieldInfo& field : lang::kProfileFields)
        add(items, std::string(field.name), CompletionKind::kField, std::string(field.envelope_key),
            std::string(field.name));
      for (std::string_view field : lang::kProfileTableFields)
        add(items, std::string(field), CompletionKind::kField, "profilec", std::string(field));
    } else if (context.key == "scope") {
      for (const lang::ScopeSpelling& scope : lang::kScopeSpellings)
        add(items, std::string(scope.field), CompletionKind::kEnumMember, std::string(scope.plist),
            string_text(scope.field, context));
    } else if (context.key == "removal") {
      for (std::string_view word : {lang::kRemovalAllowed, lang::kRemovalDisallowed})
        add(items, std::string(word), CompletionKind::kEnumMember, "PayloadRemovalDisallowed",
            string_text(word, context));
    }
    return;
  }
  if (top == "target" && context.table.size() == 1) {
    const bool in_platforms = context.nested.size() == 1 && context.nested.front() == "platforms";
    if (context.place == Place::kKey && context.nested.empty()) {
      for (const lang::TargetField& field : lang::kTargetFields)
        add(items, std::string(field.name), CompletionKind::kField, "[target]", std::string(field.name));
    } else if (context.place == Place::kKey && in_platforms) {
      for (schema::Platform platform : schema::kAllPlatforms) {
        const std::string name(schema::platform_name(platform));
        add(items, name, CompletionKind::kEnumMember, "platform", name);
      }
    } else if (context.place == Place::kValue && context.nested.empty()) {
      for (const lang::TargetField& field : lang::kTargetFields) {
        if (field.name != context.key) continue;
        for (std::string_view word : field.choices) {
          if (!word.empty())
            add(items, std::string(word), CompletionKind::kEnumMember, context.key, string_text(word, context));
        }
      }
      if ((context.key == "supervised" || context.key == "shared_ipad") && !context.in_string) {
        add(items, "true", CompletionKind::kKeyword, context.key, "true");
        add(items, "false", CompletionKind::kKeyword, context.key, "false");
      }
    }
    return;
  }
  if (top == "payload") complete_payload(document, context, inputs, items);
}

void complete_project_file(const TomlContext& context, std::vector<CompletionItem>& items) {
  if (context.table.size() != 1 || context.table.front() != "rules" || !context.nested.empty()) return;
  if (context.place == Place::kKey) {
    for (const DiagnosticInfo& rule : all_diagnostics()) {
      add(items, std::string(rule.id), CompletionKind::kEnumMember, std::string(rule.summary), std::string(rule.id));
      add(items, std::string(rule.name), CompletionKind::kEnumMember, std::string(rule.summary),
          std::string(rule.name));
    }
  } else {
    for (std::string_view level : {"off", "note", "warning", "error"})
      add(items, std::string(level), CompletionKind::kEnumMember, "severity", string_text(level, context));
  }
}

}  // namespace

DocumentKind document_kind(const std::string& path) {
  if (path == "profilec.toml" || path.ends_with("/profilec.toml")) return DocumentKind::kProjectFile;
  if (path.ends_with(".toml")) return DocumentKind::kPolicy;
  return DocumentKind::kOther;
}

Completion complete(const TextDocument& document, std::size_t offset, DocumentKind kind,
                    const CompletionInputs& inputs) {
  Completion completion;
  const TomlContext context = toml_context(document, offset);
  completion.replace_begin = context.prefix_start;
  completion.replace_end = std::min(offset, document.text().size());
  if (kind == DocumentKind::kPolicy) complete_policy(document, context, inputs, completion.items);
  else if (kind == DocumentKind::kProjectFile) complete_project_file(context, completion.items);
  return completion;
}

}  // namespace profilec::lsp
