// Walks every payload of a profile alongside its schema and shows each
// payload, dictionary and value to the rules.
#pragma once

#include "check/rule.h"

namespace profilec::check {

void walk_profile(const ir::Profile& profile, const schema::SchemaSet& schemas, const std::vector<const Rule*>& rules,
                  Diagnostics& diagnostics);

}  // namespace profilec::check
