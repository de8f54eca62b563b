#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "base/spelling.h"
#include "base/utf8.h"
#include "cli/commands.h"
#include "cli/completion_hint.h"
#include "cli/exit_codes.h"
#include "diag/diagnostic.h"
#include "diag/rule_pages.h"

namespace profilec::cli {
namespace {

// One line per rule: code, name, default severity, summary.
std::string rule_list() {
  std::size_t name_width = 0;
  for (const DiagnosticInfo& d : all_diagnostics()) name_width = std::max(name_width, d.name.size());
  std::string out;
  for (const DiagnosticInfo& d : all_diagnostics()) {
    out += fmt::format("{}  {:<{}}  {:<7}  {}\n", d.id, d.name, name_width, severity_name(d.default_severity),
                       d.summary);
  }
  return out;
}

}  // namespace

std::function<int()> setup_explain(CLI::App& app, const GlobalOptions&) {
  auto rule = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand("explain", "Show the page of a rule, or list every rule");
  sub->add_option("rule", *rule, "A rule's code (PC0001) or name (toml-syntax); none: list every rule")
      ->check(completes(ValueHint::kRule));
  return [rule]() -> int {
    if (rule->empty()) {
      fmt::print("{}", rule_list());
      return kExitClean;
    }
    const DiagnosticInfo* found = find_diagnostic(*rule);
    if (!found) {
      std::vector<std::string> spellings;
      for (const DiagnosticInfo& d : all_diagnostics()) {
        spellings.emplace_back(d.id);
        spellings.emplace_back(d.name);
      }
      const auto suggestion = closest_spelling(*rule, spellings);
      fmt::print(stderr, "profilec: error: unknown rule '{}'{}\n",
                 valid_utf8(*rule, ControlCharacters::kReplaceExceptWhitespace),
                 suggestion ? fmt::format(" (did you mean '{}'?)", *suggestion)
                            : std::string(" ('profilec explain' lists every rule)"));
      return kExitUsage;
    }
    if (const auto page = rule_page(*found)) {
      fmt::print("{}", *page);
    } else {  // a build without the page: say what the registry knows
      fmt::print("# {} {}\n\n**Default severity:** {}\n\n{}\n", found->id, found->name,
                 severity_name(found->default_severity), found->summary);
    }
    return kExitClean;
  };
}

}  // namespace profilec::cli
