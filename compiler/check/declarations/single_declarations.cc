// PC6020: Apple applies a declaration type marked `apply: single` once per
// device; a second one of the same type in the same policy reaches the same
// devices, and which one wins is undefined.
#include <fmt/format.h>

#include <map>

#include "check/declarations/check_declarations.h"

namespace profilec::check {

void check_single_declarations(const std::vector<ir::Declaration>& declarations, const schema::SchemaSet& schemas,
                               Diagnostics& diagnostics) {
  std::map<std::string_view, const ir::Declaration*> first;
  for (const ir::Declaration& declaration : declarations) {
    const schema::PayloadSchema* schema = schemas.find_declaration(declaration.type);
    if (!schema || schema->apply != "single") continue;
    auto [it, inserted] = first.emplace(declaration.type, &declaration);
    if (inserted) continue;
    Diagnostic& d = diagnostics.report(DiagnosticCode::PC6020, declaration.type_span,
                                       fmt::format("a second {} ('{}'): a device applies only one", declaration.type,
                                                   declaration.name),
                                       "keep one declaration of this type for these devices");
    d.notes.push_back({it->second->type_span, fmt::format("'{}' is the first", it->second->name)});
  }
}

}  // namespace profilec::check
