// [declaration.<name>] tables -> declaration IR (docs/ddm.md): each gets its
// derived Identifier, its keys become the Payload dictionary (through
// lower_value, so { env }, { file }, { base64 } work as in payloads), and
// { declaration = "NAME" } values become the Identifier of the declaration
// they name, recorded as references for the checks.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"
#include "ir/declaration.h"
#include "lang/ast.h"
#include "lower/lower_policy.h"

namespace profilec {

// The declarations of one policy by name, for { declaration = "NAME" }.
class DeclarationNames {
 public:
  DeclarationNames(const std::vector<lang::PayloadDecl>& declarations, std::string_view output_name);

  // The Identifier `reference` (a kDeclarationRef) names, as a string at the
  // reference's span; nullopt (reported as PC6007) when it names no other
  // declaration of the policy. A resolved reference is added to `found`.
  std::optional<ir::Value> resolve(const lang::Value& reference, std::string_view from_declaration,
                                   std::vector<ir::DeclarationReference>* found, Diagnostics& diagnostics) const;
  const std::string* identifier(std::string_view name) const;

 private:
  std::vector<std::pair<std::string, std::string>> names_;  // name, Identifier; source order
};

// `output_name`: the policy's path in the output folder without extension
// (the Identifier is derived from it and the declaration's name).
std::vector<ir::Declaration> lower_declarations(const lang::PolicyFile& policy, std::string_view output_name,
                                                const LowerInputs& inputs, Diagnostics& diagnostics);

}  // namespace profilec
