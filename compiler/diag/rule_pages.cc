#include "diag/rule_pages.h"

#include <cstddef>
#include <string>
#include <utility>

#include "base/embedded_files.h"

PROFILEC_EMBEDDED_FILES(rule_pages)  // generated rule_pages.cc

namespace profilec {

std::optional<std::string_view> rule_page(const DiagnosticInfo& rule) {
  const std::string file = std::string(rule.id).append("-").append(rule.name).append(".md");
  for (std::size_t i = 0; i < embedded::rule_pages_count; ++i) {
    if (embedded::rule_pages[i].first == file) return embedded::rule_pages[i].second;
  }
  return std::nullopt;
}

}  // namespace profilec
