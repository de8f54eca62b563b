// What the app-schema tests share (tests/manifest/, tests/check/
// app_schema_rules_test.cc): their manifests under tests/manifest/data/,
// a key looked up by name, and findings listed one a line.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"
#include "schema/schema.h"

namespace profilec::testing {

// tests/manifest/data/NAME; a missing file is a test failure.
std::string read_manifest_data(const std::string& name);

const schema::Key* find_key(const std::vector<schema::Key>& keys, std::string_view name);

// "path:line:column: ID message" for every finding, a line each.
std::string listed_findings(const Diagnostics& diagnostics);

}  // namespace profilec::testing
