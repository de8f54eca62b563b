#include <fmt/format.h>

#include <memory>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/load_schemas.h"
#include "cli/run_compile.h"

namespace profilec::cli {

std::function<int()> setup_check(CLI::App& app, const GlobalOptions& globals) {
  struct Options {
    std::vector<std::string> paths{"."};
  };
  auto options = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("check", "Validate policies without writing anything");
  sub->add_option("paths", options->paths, "Policy files or folders (default: .)");
  return [options, &globals] {
    auto schemas = load_schemas(globals);
    if (!schemas) return static_cast<int>(kExitUsage);
    DiskFileSystem files;
    ProcessEnvironment environment;
    // check never reads secrets: { env = } values are placeholders.
    return run_compile(options->paths, SecretMode::kPlaceholder, files, environment, *schemas, globals).exit_code;
  };
}

}  // namespace profilec::cli
