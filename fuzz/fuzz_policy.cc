// libFuzzer target: the policy front end and everything after it, in memory:
// parse -> uses -> lower -> check -> analyse -> XML (project/compile.h), on
// a MemoryFileSystem holding the input as policies/fuzz.toml, and as
// fragments/fuzz.toml beside fixed fragments that share one (a uses b and c,
// both use d): `use = ["fragments/a"]` or `["fragments/fuzz"]` in the input
// reaches the fragment merging of lang/resolve_uses.cc.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "base/environment.h"
#include "base/file_system.h"
#include "diag/source_map.h"
#include "project/compile.h"
#include "project/discover.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  profilec::MemoryFileSystem files;
  const std::string input(reinterpret_cast<const char*>(data), size);
  files.add_file("policies/fuzz.toml", input);
  files.add_file("profilec.toml", "");
  files.add_file("fragments/fuzz.toml", input);
  const std::string head = "[fragment]\ntype = \"com.apple.applicationaccess\"\n";
  files.add_file("fragments/a.toml", head + "use = [\"fragments/b\", \"fragments/c\"]\n[keys]\nallowCamera = false\n");
  files.add_file("fragments/b.toml", head + "use = [\"fragments/d\"]\n[keys]\nt = { x = 1 }\n");
  files.add_file("fragments/c.toml", head + "use = [\"fragments/d\"]\n[keys]\nt = 2\n");
  files.add_file("fragments/d.toml", head + "[keys]\nallowCamera = true\nt = { y = [1, 2] }\n");
  profilec::MapEnvironment environment({{"FUZZ_SECRET", "secret"}});
  profilec::CompileInputs inputs{files, environment};
  inputs.expiry.now = 1767225600;  // a fixed clock: 2026-01-01T00:00:00Z
  inputs.jobs = 1;                 // one file: no threads to start per input
  const std::vector<profilec::PolicyInput> policies{{"policies/fuzz.toml", "fuzz", true}};
  profilec::SourceMap sources;
  (void)profilec::compile_policies(policies, inputs, sources);
  return 0;
}
