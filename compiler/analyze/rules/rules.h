// The analysis rules, one per file. Each reads the index and reports; the
// order of findings is fixed afterwards (analyze.cc sorts them by place).
#pragma once

#include "analyze/index.h"
#include "diag/diagnostic.h"

namespace profilec::analyze {

void check_duplicate_profile_identifiers(const Index& index, Diagnostics& diagnostics);  // PC3001
void check_duplicate_uuids(const Index& index, Diagnostics& diagnostics);                // PC3002
void check_duplicate_payload_identifiers(const Index& index, Diagnostics& diagnostics);  // PC3003
void check_dangling_references(const Index& index, Diagnostics& diagnostics);            // PC3004
void check_duplicate_payload_types(const Index& index, Diagnostics& diagnostics);        // PC3005
void check_exclusive_payloads(const Index& index, Diagnostics& diagnostics);             // PC3006
void check_conflicting_values(const Index& index, Diagnostics& diagnostics);             // PC4001, PC4002

}  // namespace profilec::analyze
