// The declaration rules (PC6xxx, docs/ddm.md): each declaration of a policy
// against its schema (schemas/declarations/), the policy's [target] and the
// other declarations of the policy.
#pragma once

#include <cstdint>
#include <vector>

#include "diag/diagnostic.h"
#include "ir/declaration.h"
#include "ir/profile.h"
#include "schema/schema_set.h"

namespace profilec::check {

struct DeclarationCheckInputs {
  const ir::Target& target;
  // The clock for dates that must lie ahead (PC6031), seconds since the
  // epoch, UTC; 0 skips the comparison (the format is still checked).
  std::int64_t now = 0;
};

void check_declarations(const std::vector<ir::Declaration>& declarations, const DeclarationCheckInputs& inputs,
                        const schema::SchemaSet& schemas, Diagnostics& diagnostics);

// The parts, one concept each (the files of check/declarations/).
// Type, key, value, range, required (PC6001-PC6006) and reference (PC6008) rules.
void check_declaration_schema(const ir::Declaration& declaration, const std::vector<ir::Declaration>& all,
                              const schema::SchemaSet& schemas, Diagnostics& diagnostics);
// Platform, OS version, enrollment and Shared iPad (PC6010, PC6011).
void check_declaration_target(const ir::Declaration& declaration, const schema::PayloadSchema& schema,
                              const ir::Target& target, Diagnostics& diagnostics);
// Two declarations of an apply-single type in one policy (PC6020).
void check_single_declarations(const std::vector<ir::Declaration>& declarations, const schema::SchemaSet& schemas,
                               Diagnostics& diagnostics);
// An activation's Predicate: syntax and status item names (PC6060, PC6061).
void check_activation_predicate(const ir::Declaration& declaration, const schema::PayloadSchema& schema,
                                Diagnostics& diagnostics);
// Software update enforcement: version and date (PC6030, PC6031).
void check_software_update(const ir::Declaration& declaration, const DeclarationCheckInputs& inputs,
                           Diagnostics& diagnostics);

}  // namespace profilec::check
