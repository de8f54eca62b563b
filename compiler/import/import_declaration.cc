#include "import/import_declaration.h"

#include <fmt/format.h>

#include "import/names.h"
#include "import/print_policy.h"

namespace profilec::import {
namespace {

// A declaration's value: JSON gives booleans, integers, reals, strings,
// arrays and objects, each of which TOML writes as it is.
ModelValue model_value(const ir::Value& value) {
  ModelValue out;
  switch (value.kind()) {
    case ir::Value::Kind::kBoolean:
      out.kind = ModelValue::Kind::kBoolean;
      out.boolean = value.boolean();
      break;
    case ir::Value::Kind::kInteger:
      out.kind = ModelValue::Kind::kInteger;
      out.integer = value.integer();
      break;
    case ir::Value::Kind::kBigUnsigned:  // JSON gives none: a number above INT64_MAX is a real
      out.kind = ModelValue::Kind::kReal;
      out.real = static_cast<double>(std::get<ir::BigUnsigned>(value.storage).value);
      break;
    case ir::Value::Kind::kReal:
      out.kind = ModelValue::Kind::kReal;
      out.real = value.real();
      break;
    case ir::Value::Kind::kDate:
    case ir::Value::Kind::kData:
    case ir::Value::Kind::kString:
      out.kind = ModelValue::Kind::kString;
      out.text = value.is_string() ? value.string() : std::string();
      out.line_break = out.text.find('\n') != std::string::npos;
      break;
    case ir::Value::Kind::kArray:
      out.kind = ModelValue::Kind::kArray;
      for (const ir::Value& item : value.array()) out.items.push_back(model_value(item));
      break;
    case ir::Value::Kind::kDict:
      out.kind = ModelValue::Kind::kTable;
      for (const ir::DictEntry& entry : value.dict()) out.entries.push_back({entry.key, model_value(entry.value)});
      break;
  }
  return out;
}

}  // namespace

PolicyModel declaration_model(const ir::Declaration& declaration, const std::string& name,
                              const std::string& source_name) {
  PolicyModel model;
  model.source_name = source_name;
  PayloadModel table;
  table.name = name;
  table.type = declaration.type;
  for (const ir::DictEntry& entry : declaration.payload.dict())
    table.entries.push_back({entry.key, model_value(entry.value)});
  model.declarations.push_back(std::move(table));
  return model;
}

std::optional<ImportedPolicy> import_declaration(const ir::Declaration& declaration, const std::string& folder,
                                                 const std::string& stem, const std::string& source_name,
                                                 ImportContext& context, Diagnostics& diagnostics) {
  Diagnostics found;
  const std::string file = context.names.files.claim(slug(stem, "declaration"), ".toml");
  const std::string name = file.substr(0, file.size() - 5);
  ImportedPolicy policy;
  policy.path = join_path(folder, file);
  policy.source.name = name;
  policy.source.text = print_policy(declaration_model(declaration, name, source_name));
  const SourceSpan& where = declaration.type_span;
  auto result = compile_imported(policy, context, where, found);
  if (result && (result->declarations.size() != 1 || result->declarations.front().declarations.size() != 1)) {
    report_not_built(where, {}, found);
    result.reset();
  }
  if (result) {
    // The same Payload: compared as build writes it, under the same Identifier.
    const ir::Declaration& rebuilt = result->declarations.front().declarations.front();
    ir::Declaration original = declaration;
    original.identifier = rebuilt.identifier;
    if (ir::declaration_to_json(original) != ir::declaration_to_json(rebuilt)) {
      found.report(DiagnosticCode::PC0030, where, "the imported policy would not build the same declaration",
                   "this is a bug in profilec import: please report it with the declaration file");
    }
  }
  diagnostics.append(found);
  if (found.has_errors()) return std::nullopt;
  return policy;
}

}  // namespace profilec::import
