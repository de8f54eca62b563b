#include <fmt/format.h>

#include <memory>

#include "cli/commands.h"
#include "cli/completion_scripts.h"
#include "cli/completion_spec.h"
#include "cli/exit_codes.h"
#include "cli/load_schemas.h"
#include "cli/target_options.h"
#include "diag/diagnostic.h"
#include "lang/stdlib.h"

namespace profilec::cli {

// The script is generated from the parser itself, after every command set
// itself up on it (`Command::needs_every_command`): the completions are what
// the parser accepts.
std::function<int()> setup_completion(CLI::App* sub, const GlobalOptions& globals) {
  auto shell = std::make_shared<std::string>();
  sub->add_option("shell", *shell, "The shell: bash, zsh or fish")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish"}));
  CLI::App& app = *sub->get_parent();
  return [shell, &app, &globals]() -> int {
    auto schemas = load_schemas(globals);
    if (!schemas) return kExitUsage;
    CompletionWords words;
    words.payload_types = schemas->payload_types();
    for (const DiagnosticInfo& rule : all_diagnostics()) {
      words.rules.emplace_back(rule.id);
      words.rules.emplace_back(rule.name);
    }
    words.platforms = platform_names();
    words.stdlib_fragments = lang::stdlib_fragment_names();
    const CompletionCommand program = describe_command_line(app, words);
    if (*shell == "bash") fmt::print("{}", bash_completion(program));
    if (*shell == "zsh") fmt::print("{}", zsh_completion(program));
    if (*shell == "fish") fmt::print("{}", fish_completion(program));
    return kExitClean;
  };
}

}  // namespace profilec::cli
