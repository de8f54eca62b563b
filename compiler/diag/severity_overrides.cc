#include "diag/severity_overrides.h"

#include <algorithm>
#include <vector>

namespace profilec {

std::optional<SeverityOverride> parse_severity_override(std::string_view text) {
  if (text == "error") return SeverityOverride::kError;
  if (text == "warning") return SeverityOverride::kWarning;
  if (text == "note") return SeverityOverride::kNote;
  if (text == "off") return SeverityOverride::kOff;
  return std::nullopt;
}

void apply_severity_overrides(Diagnostics& diagnostics, const std::map<std::string, SeverityOverride>& overrides) {
  if (overrides.empty()) return;
  // Resolved once per rule: names first, then codes, so a code wins.
  std::vector<std::optional<SeverityOverride>> by_rule(all_diagnostics().size());
  for (const bool codes : {false, true}) {
    for (const auto& [key, level] : overrides) {
      const DiagnosticInfo* rule = find_diagnostic(key);
      if (!rule || (rule->name == key) == codes) continue;
      by_rule[static_cast<std::size_t>(rule->code)] = level;
    }
  }
  std::vector<Diagnostic>& all = diagnostics.mutable_all();
  std::erase_if(all, [&](const Diagnostic& d) {
    return by_rule[static_cast<std::size_t>(d.code)] == SeverityOverride::kOff;
  });
  for (Diagnostic& d : all) {
    const auto level = by_rule[static_cast<std::size_t>(d.code)];
    if (!level) continue;
    switch (*level) {
      case SeverityOverride::kError: d.severity = Severity::kError; break;
      case SeverityOverride::kWarning: d.severity = Severity::kWarning; break;
      case SeverityOverride::kNote: d.severity = Severity::kNote; break;
      case SeverityOverride::kOff: break;
    }
  }
}

}  // namespace profilec
