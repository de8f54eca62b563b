// libFuzzer target: the policy front end and everything after it, in memory:
// parse -> uses -> lower -> check -> analyse -> XML (project/compile.h), on
// a MemoryFileSystem holding the input as policies/fuzz.toml.
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
  files.add_file("policies/fuzz.toml", std::string(reinterpret_cast<const char*>(data), size));
  profilec::MapEnvironment environment({{"FUZZ_SECRET", "secret"}});
  profilec::CompileInputs inputs{files, environment};
  inputs.expiry.now = 1767225600;  // a fixed clock: 2026-01-01T00:00:00Z
  inputs.jobs = 1;                 // one file: no threads to start per input
  const std::vector<profilec::PolicyInput> policies{{"policies/fuzz.toml", "fuzz", true}};
  profilec::SourceMap sources;
  (void)profilec::compile_policies(policies, inputs, sources);
  return 0;
}
