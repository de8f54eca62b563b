#include "diag/rules_index.h"

#include <fmt/format.h>

namespace profilec {
namespace {

constexpr std::string_view kHeader = "| code | name | default | summary |\n|---|---|---|---|\n";

}  // namespace

std::string rules_index_row(const DiagnosticInfo& rule) {
  return fmt::format("| [{}]({}-{}.md) | {} | {} | {} |", rule.id, rule.id, rule.name, rule.name,
                     severity_name(rule.default_severity), rule.summary);
}

std::optional<std::string> with_fresh_rules_index(std::string_view readme) {
  const auto begin = readme.find(kHeader);
  if (begin == std::string_view::npos || (begin > 0 && readme[begin - 1] != '\n')) return std::nullopt;
  auto end = begin + kHeader.size();
  while (end < readme.size() && readme[end] == '|') {
    const auto newline = readme.find('\n', end);
    end = newline == std::string_view::npos ? readme.size() : newline + 1;
  }
  std::string out(readme.substr(0, begin));
  out += kHeader;
  for (const DiagnosticInfo& rule : all_diagnostics()) out += rules_index_row(rule) + "\n";
  out += readme.substr(end);
  return out;
}

}  // namespace profilec
