// The policies of one `profilec import` run, compiled together as `build`
// of the output folder will compile them. Each policy already builds on its
// own (import_profile.h); what is left are the findings across files
// (PC3xxx identity, PC4xxx conflicts) between the imported profiles. Import
// cannot mark those as found: a duplicate identifier or a conflict belongs
// to two files, and `build` would still write both. So they are reported as
// what blocks the tree, each at the place in the imported .mobileconfig it
// comes from, and nothing is written.
#pragma once

#include <vector>

#include "diag/diagnostic.h"
#include "import/import_profile.h"
#include "ir/profile.h"

namespace profilec::import {

struct ImportedFile {
  const ImportedPolicy& policy;
  const ir::Profile& original;  // as read from the .mobileconfig, with its spans
};

// Reports (into `blockers`) every error `build` would give on the imported
// policies together, mapped back to the .mobileconfig files: a span of a
// policy becomes the span of the same key or value in the file it was
// imported from (they hold the same plist: import_profile checked it).
void check_imported_together(const std::vector<ImportedFile>& files, const ImportContext& context,
                             Diagnostics& blockers);

}  // namespace profilec::import
