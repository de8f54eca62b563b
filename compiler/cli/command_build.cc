#include <fmt/format.h>

#include <memory>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/load_schemas.h"
#include "cli/run_compile.h"

namespace profilec::cli {

std::function<int()> setup_build(CLI::App& app, const GlobalOptions& globals) {
  struct Options {
    std::vector<std::string> paths{"."};
    std::string output;
  };
  auto options = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("build", "Compile policies into .mobileconfig files");
  sub->add_option("paths", options->paths, "Policy files or folders (default: .)");
  sub->add_option("-o,--output", options->output, "Folder to write the .mobileconfig files to")->required();
  return [options, &globals] {
    auto schemas = load_schemas(globals);
    if (!schemas) return static_cast<int>(kExitUsage);
    DiskFileSystem files;
    ProcessEnvironment environment;
    CompileRun run = run_compile(options->paths, SecretMode::kResolve, files, environment, *schemas, globals);
    // All or nothing: a repository with any error gets no output at all, so
    // a half-updated set of profiles never reaches an MDM.
    if (run.exit_code != kExitClean) return run.exit_code;
    for (const CompiledProfile& compiled : run.result.profiles) {
      const std::string path = join_path(options->output, compiled.output_name + ".mobileconfig");
      if (auto error = files.write_file_atomically(path, compiled.xml)) {
        fmt::print(stderr, "profilec: error: cannot write '{}': {}\n", error->path, error->message);
        return static_cast<int>(kExitUsage);
      }
      fmt::print(progress_stream(globals.report), "wrote {}\n", path);
    }
    return static_cast<int>(kExitClean);
  };
}

}  // namespace profilec::cli
