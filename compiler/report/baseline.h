// The baseline `profilec report --baseline` compares the repository with: a
// fragment (docs/language.md, "Fragments"), named as a policy's `use` names
// a stdlib one ("passcode/baseline" or "stdlib:passcode/baseline") or given
// as the path of a fragment file. The fragment is compiled as a payload
// that uses it would be (its own `use` entries resolved the same way, a
// stdlib fragment's in the stdlib, a file's below the profilec.toml that
// applies to it, else below its own folder), so the values compared are
// the ones a profile using it would get.
#pragma once

#include <string>

#include "base/expected.h"
#include "base/file_system.h"
#include "report/report_model.h"
#include "schema/schema_set.h"

namespace profilec::report {

// Errors: one line each, "path:line:col: message", lower-case.
Expected<Baseline, std::string> load_baseline(const std::string& name, const FileSystem& files,
                                              const schema::SchemaSet& schemas);

}  // namespace profilec::report
