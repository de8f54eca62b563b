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
std::string rule_list(const std::vector<const DiagnosticInfo*>& rules) {
  std::size_t name_width = 0;
  for (const DiagnosticInfo* d : rules) name_width = std::max(name_width, d->name.size());
  std::string out;
  for (const DiagnosticInfo* d : rules) {
    out += fmt::format("{}  {:<{}}  {:<7}  {}\n", d->id, d->name, name_width, severity_name(d->default_severity),
                       d->summary);
  }
  return out;
}

std::vector<const DiagnosticInfo*> every_rule() {
  std::vector<const DiagnosticInfo*> out;
  for (const DiagnosticInfo& d : all_diagnostics()) out.push_back(&d);
  return out;
}

// The rules that mention a topic word, those whose name or summary does
// first, then those whose page does; each part in code order. Words of
// fewer than 3 letters find nothing (every page has an "a").
std::vector<const DiagnosticInfo*> rules_about(std::string_view word) {
  std::vector<const DiagnosticInfo*> named, paged;
  if (word.size() < 3) return {};
  for (const DiagnosticInfo& d : all_diagnostics()) {
    if (mentions_word(d.name, word) || mentions_word(d.summary, word)) {
      named.push_back(&d);
    } else if (const auto page = rule_page(d); page && mentions_word(*page, word)) {
      paged.push_back(&d);
    }
  }
  named.insert(named.end(), paged.begin(), paged.end());
  return named;
}

}  // namespace

std::function<int()> setup_explain(CLI::App* sub, const GlobalOptions&) {
  auto rule = std::make_shared<std::string>();
  sub->add_option("rule", *rule, "A rule's code (PC0001) or name (toml-syntax); none: list every rule")
      ->check(completes(ValueHint::kRule));
  return [rule]() -> int {
    if (rule->empty()) {
      fmt::print("{}", rule_list(every_rule()));
      return kExitClean;
    }
    const DiagnosticInfo* found = find_diagnostic(*rule);
    if (!found) {
      // Not a rule: a topic word ("supervision") lists the rules about it.
      if (const auto about = rules_about(*rule); !about.empty()) {
        fmt::print("rules that mention '{}' ('profilec explain RULE' shows one):\n{}",
                   valid_utf8(*rule, ControlCharacters::kReplaceExceptWhitespace), rule_list(about));
        return kExitClean;
      }
      std::vector<std::string> spellings;
      for (const DiagnosticInfo& d : all_diagnostics()) {
        spellings.emplace_back(d.id);
        spellings.emplace_back(d.name);
      }
      const std::string suggestion = did_you_mean(suggest_names(*rule, spellings));
      fmt::print(stderr, "profilec: error: unknown rule '{}' ({})\n",
                 valid_utf8(*rule, ControlCharacters::kReplaceExceptWhitespace),
                 suggestion.empty() ? std::string("'profilec explain' lists every rule") : suggestion);
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
