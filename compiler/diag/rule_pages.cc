#include "diag/rule_pages.h"

#include <cstddef>
#include <string>
#include <utility>

namespace profilec::embedded {
// Defined in the generated rule_pages.cc: {"PC0001-toml-syntax.md", text}, sorted.
extern const std::pair<std::string_view, std::string_view> rule_pages[];
extern const std::size_t rule_pages_count;
}  // namespace profilec::embedded

namespace profilec {

std::optional<std::string_view> rule_page(const DiagnosticInfo& rule) {
  const std::string file = std::string(rule.id).append("-").append(rule.name).append(".md");
  for (std::size_t i = 0; i < embedded::rule_pages_count; ++i) {
    if (embedded::rule_pages[i].first == file) return embedded::rule_pages[i].second;
  }
  return std::nullopt;
}

}  // namespace profilec
