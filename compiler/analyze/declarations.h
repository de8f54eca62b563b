// Declarations across policies (docs/ddm.md): what the analysis and the
// effective policy know of each policy's declarations, and which device
// kinds (targets.h) a declaration reaches.
#pragma once

#include <string_view>
#include <vector>

#include "analyze/targets.h"
#include "diag/diagnostic.h"
#include "ir/declaration.h"
#include "ir/profile.h"
#include "schema/schema_set.h"

namespace profilec::analyze {

// The declarations of one compiled policy, and the [target] they share.
struct PolicyDeclarations {
  const ir::Target* target = nullptr;
  const std::vector<ir::Declaration>* declarations = nullptr;
};

// The kinds the policy's target admits, narrowed to the platforms that
// have the declaration's type (a device ignores a type its OS lacks);
// the target's kinds alone when the type is unknown or no platform has it.
KindMask declaration_kinds(const ir::Target& target, std::string_view type, const schema::SchemaSet& schemas);

// PC6020 across policies: declarations of an `apply: single` type in two
// or more policies that reach the same device kind. Two in one policy are
// check's (check/declarations/single_declarations.cc). A policy without
// stated platforms makes the finding a warning, as for profiles.
void check_single_declarations_across(const std::vector<PolicyDeclarations>& policies, const schema::SchemaSet& schemas,
                                      Diagnostics& diagnostics);

}  // namespace profilec::analyze
