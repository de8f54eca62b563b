// One profile read from a .mobileconfig -> policy source that builds back
// into the same profile. write_policy.h writes the source; this checks it
// the way `build` will, where it will be written (so the profilec.toml that
// will apply to it applies now):
//
//   1. compile it (secrets set to their original values);
//   2. mark each error it has with `# profilec: allow ... -- imported as
//      found` (allow_comments.h): faithful means the .mobileconfig's own
//      mistakes come along, visibly;
//   3. compile again, and compare what it builds with the original plist.
//
// Anything that fails here is reported (PC0030, or the compiler's own
// findings) and gives nullopt: import never writes source that would not
// rebuild the profile it came from.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/file_system.h"
#include "cert/certificate_checks.h"
#include "diag/diagnostic.h"
#include "import/write_policy.h"
#include "ir/profile.h"
#include "project/compile.h"
#include "schema/schema_set.h"

namespace profilec::import {

struct ImportContext {
  const FileSystem& files;  // what `build` would read: project files above the output folder
  const schema::SchemaSet& schemas;
  cert::ExpiryPolicy expiry;  // the certificate clock `build` uses
  bool keep_secrets = false;
  RunNames names;  // shared by every profile of one run
};

struct ImportedPolicy {
  std::string path;              // where the policy goes: <folder>/<name>.toml
  PolicySource source;           // text with its allow comments
  std::vector<Diagnostic> kept;  // the errors the allow comments cover
  std::size_t warnings = 0;      // findings below error level `build` will show
};

// Compiles an imported policy where it will be written (steps 1 and 2
// above): the errors located in it are marked with allow comments in
// `policy.source.text` and kept in `policy.kept`, its warnings counted. What
// still fails is reported at `where`, the place in the imported file the
// policy comes from, and gives nullopt; else what the compile produced, for
// the caller's comparison with the original (step 3).
std::optional<CompileResult> compile_imported(ImportedPolicy& policy, const ImportContext& context,
                                              const SourceSpan& where, Diagnostics& diagnostics);

// PC0030 at `where`: the imported policy does not build (a bug of import),
// with `errors`, the findings that stopped it, as notes.
void report_not_built(const SourceSpan& where, const std::vector<Diagnostic>& errors, Diagnostics& diagnostics);

// `folder`: the output folder. `source_name`: the imported file's name, for
// the header comment. The policy is named after `stem` (slugified, made
// unique in the run).
std::optional<ImportedPolicy> import_profile(const ir::Profile& profile, const std::string& folder,
                                             const std::string& stem, const std::string& source_name,
                                             ImportContext& context, Diagnostics& diagnostics);

}  // namespace profilec::import
