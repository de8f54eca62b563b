#include "project/declaration_input.h"

#include <fmt/format.h>

#include <memory>

#include "check/declarations/check_declarations.h"
#include "read/read_declaration.h"

namespace profilec {
namespace {

constexpr std::string_view kJsonExtension = ".json";

// The file name without folder and ".json": what build names a
// declaration's file after, and what messages call it.
std::string_view declaration_name(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (name.ends_with(kJsonExtension)) name.remove_suffix(kJsonExtension.size());
  return name;
}

bool starts_like_json_object(std::string_view bytes) {
  for (char c : bytes) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    return c == '{';
  }
  return false;
}

}  // namespace

bool is_json_in_walk(const PolicyInput& input) {
  return !input.named_explicitly && input.path.ends_with(kJsonExtension);
}

bool is_declaration_input(const PolicyInput& input, std::string_view bytes) {
  if (input.named_explicitly && input.path.ends_with(kJsonExtension)) return true;
  if (!input.path.ends_with(kJsonExtension) && !(input.named_explicitly && starts_like_json_object(bytes)))
    return false;
  return read::claims_declaration(bytes);
}

std::optional<ir::Declaration> check_declaration_file(const PolicyInput& input, std::string bytes,
                                                      const ir::Target& target, std::int64_t now,
                                                      const schema::SchemaSet& schemas, Diagnostics& diagnostics,
                                                      SourceMap& sources, bool& not_a_declaration) {
  Diagnostics found;
  read::DeclarationRead read = read::read_declaration(bytes, input.path, declaration_name(input.path), found);
  not_a_declaration = read.shape == read::DeclarationShape::kNotADeclaration;
  if (not_a_declaration && input.named_explicitly) {
    found.report(DiagnosticCode::PC6041, whole_file_span(std::make_shared<const std::string>(input.path)),
                 "not a declaration: the top level is not an object whose \"Type\" is a declaration type",
                 "a declaration file is one JSON object with Type, Identifier, ServerToken and Payload");
  }
  if (read.declaration) {
    std::vector<ir::Declaration> one;
    one.push_back(std::move(*read.declaration));
    check::check_declarations(one, check::DeclarationCheckInputs{target, now}, schemas, found);
    read.declaration = std::move(one.front());
  }
  if (!not_a_declaration || input.named_explicitly) {
    diagnostics.append(found);
    sources.add(input.path, std::move(bytes));
  }
  return std::move(read.declaration);
}

}  // namespace profilec
