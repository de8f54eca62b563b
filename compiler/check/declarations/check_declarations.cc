#include "check/declarations/check_declarations.h"

namespace profilec::check {

void check_declarations(const std::vector<ir::Declaration>& declarations, const DeclarationCheckInputs& inputs,
                        const schema::SchemaSet& schemas, Diagnostics& diagnostics) {
  for (const ir::Declaration& declaration : declarations) {
    check_declaration_schema(declaration, declarations, schemas, diagnostics);
    const schema::PayloadSchema* schema = schemas.find_declaration(declaration.type);
    if (!schema) continue;
    if (inputs.target.stated()) check_declaration_target(declaration, *schema, inputs.target, diagnostics);
    check_activation_predicate(declaration, *schema, diagnostics);
    check_software_update(declaration, inputs, diagnostics);
  }
  check_single_declarations(declarations, schemas, diagnostics);
}

}  // namespace profilec::check
