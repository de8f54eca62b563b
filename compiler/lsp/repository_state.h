// The check results of one repository (the folder of a profilec.toml, or a
// lone file without one), kept between edits: each file's own results from
// compile_policies run on that file alone (across_files false), and the
// findings across files (report_across_files) over all of them. An edit
// re-checks the edited file (and the policies that use it as a fragment),
// then the analysis across files, which is linear in the payloads: the other
// files are not compiled again.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "base/environment.h"
#include "base/file_system.h"
#include "cert/certificate_checks.h"
#include "diag/diagnostic.h"
#include "diag/source_map.h"
#include "project/compile.h"
#include "schema/schema_set.h"

namespace profilec::lsp {

struct CheckSettings {
  const Environment& environment;
  const schema::SchemaSet& schemas;
  cert::ExpiryPolicy expiry;
};

class RepositoryState {
 public:
  // `root`: the folder of the repository's profilec.toml; "" for a lone
  // file (then only the files checked through update() are in it).
  RepositoryState(std::string root, const CheckSettings& settings) : root_(std::move(root)), settings_(settings) {}

  const std::string& root() const { return root_; }

  // Checks every file of the repository (its folder walk, as `check ROOT`
  // finds them) the first time; later calls do nothing.
  void load(const FileSystem& files);
  // Checks `path` again as `files` (the open documents over the disk) has
  // it, and the policies that use it as a fragment; then the findings
  // across files. A profilec.toml checks everything again.
  void update(const std::string& path, const FileSystem& files);

  // What `check` would report in `path`: its own findings and the findings
  // across files located there (duplicates from several files' checks of a
  // shared profilec.toml or fragment once).
  std::vector<Diagnostic> diagnostics_for(const std::string& path) const;

  // The fragments of the repository as `use` names them ("fragments/wifi"):
  // its TOML files without a [profile] table, but profilec.toml.
  std::vector<std::string> fragment_names() const;

 private:
  struct Entry {
    PolicyInput input;
    std::unique_ptr<CompileResult> result;  // stable addresses for AcrossFiles
  };
  void compile_entry(Entry& entry, const FileSystem& files);
  void analyze_across(const FileSystem& files);
  Entry& entry_for(const std::string& path);

  std::string root_;
  const CheckSettings& settings_;
  bool loaded_ = false;
  std::vector<Entry> entries_;  // in the order of the folder walk, then files added later
  std::map<std::string, std::size_t> index_;
  SourceMap sources_;  // every checked file's text, for the suppressions of findings across files
  Diagnostics across_;
};

}  // namespace profilec::lsp
