#include <fmt/format.h>

#include <memory>

#include "base/spelling.h"
#include "cli/commands.h"
#include "cli/completion_hint.h"
#include "cli/exit_codes.h"
#include "cli/load_schemas.h"
#include "cli/stdlib_view.h"
#include "lang/stdlib.h"

namespace profilec::cli {

std::function<int()> setup_stdlib(CLI::App* sub, const GlobalOptions& globals) {
  struct Options {
    std::string format = "human";
    std::string name;
  };
  auto options = std::make_shared<Options>();
  sub->require_subcommand(1);
  CLI::App* list = sub->add_subcommand("list", "List every stdlib fragment: payload type, platforms, supervision");
  CLI::App* show = sub->add_subcommand("show", "Show the keys one fragment sets, with where each is set");
  show->add_option("name", options->name, "A fragment, e.g. restrictions/ios-baseline (stdlib: optional)")
      ->required()
      ->check(completes(ValueHint::kStdlibFragment));
  for (CLI::App* c : {list, show}) {
    c->add_option("--format", options->format, "human or json")->check(CLI::IsMember({"human", "json"}));
  }

  return [options, &globals, list]() -> int {
    auto schemas = load_schemas(globals);
    if (!schemas) return kExitUsage;
    const bool json = options->format == "json";
    if (list->parsed()) {
      fmt::print("{}", json ? render_stdlib_list_json(*schemas) : render_stdlib_list(*schemas));
      return kExitClean;
    }
    auto rendered = json ? render_stdlib_fragment_json(*schemas, options->name)
                         : render_stdlib_fragment(*schemas, options->name);
    if (!rendered) {
      std::vector<std::string> names;
      for (const std::string& name : lang::stdlib_fragment_names()) names.push_back("stdlib:" + name);
      const std::string& typed = options->name;
      const std::string full = typed.rfind("stdlib:", 0) == 0 ? typed : "stdlib:" + typed;
      const std::string suggestion = did_you_mean(suggest_names(full, names));
      fmt::print(stderr, "profilec: error: no stdlib fragment '{}' ({})\n", typed,
                 suggestion.empty() ? std::string("'profilec stdlib list' lists them") : suggestion);
      return kExitUsage;
    }
    fmt::print("{}", *rendered);
    return kExitClean;
  };
}

}  // namespace profilec::cli
