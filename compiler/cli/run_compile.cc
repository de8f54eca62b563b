#include "cli/run_compile.h"

#include <fmt/format.h>

#include "cli/exit_codes.h"

namespace profilec::cli {

CompileRun run_compile(const std::vector<std::string>& paths, SecretMode secrets, FileSystem& files,
                       const Environment& environment, const schema::SchemaSet& schemas,
                       const GlobalOptions& globals) {
  CompileRun run;
  auto discovered = discover_policies(files, paths);
  if (!discovered) {
    print_io_error(discovered.error());
    run.exit_code = kExitUsage;
    return run;
  }
  SourceMap sources;
  run.result = compile_policies(*discovered, CompileInputs{files, environment, secrets, &schemas}, sources);
  for (const IoError& error : run.result.io_errors) print_io_error(error);
  print_diagnostics(run.result.diagnostics, sources, globals.report);
  if (!run.result.io_errors.empty()) run.exit_code = kExitUsage;
  else if (run.result.diagnostics.has_errors()) run.exit_code = kExitFindings;
  return run;
}

}  // namespace profilec::cli
