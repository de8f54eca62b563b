// Repository analysis: every compiled profile together, as the devices that
// receive several of them see it. Identity findings (PC3xxx: duplicate
// identifiers and UUIDs, dangling references, duplicate or exclusive payload
// types) and conflicts (PC4xxx: the same key set differently by payloads that
// reach the same devices). Runs after every file is compiled; reports, never
// prints. Cost is linear in the number of payloads and keys: everything is
// grouped with hash maps, and targets are compared through the few device
// kinds (targets.h), never profile against profile.
#pragma once

#include <vector>

#include "diag/diagnostic.h"
#include "ir/profile.h"
#include "schema/schema_set.h"

namespace profilec::analyze {

void analyze_profiles(const std::vector<const ir::Profile*>& profiles, const schema::SchemaSet& schemas,
                      Diagnostics& diagnostics);

}  // namespace profilec::analyze
