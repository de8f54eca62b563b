// The schema and target checks of one profile (PC1xxx, PC2xxx).
#pragma once

#include "diag/diagnostic.h"
#include "ir/profile.h"
#include "schema/schema_set.h"

namespace profilec::check {

void check_profile(const ir::Profile& profile, const schema::SchemaSet& schemas, Diagnostics& diagnostics);

}  // namespace profilec::check
