#include "diag/code_severities.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace profilec {
namespace {

constexpr SeverityVariation kSeverityVariations[] = {
#define PROFILEC_DIAGNOSTIC(code, name, severity, summary)
#define PROFILEC_SEVERITY(code, severity, when) {DiagnosticCode::code, Severity::severity, when},
#include "diag/codes.def"
#undef PROFILEC_SEVERITY
#undef PROFILEC_DIAGNOSTIC
};

// Per code, its PROFILEC_SEVERITY lines (which codes.def keeps together).
const std::vector<std::span<const SeverityVariation>>& by_code() {
  static const std::vector<std::span<const SeverityVariation>> table = [] {
    std::vector<std::span<const SeverityVariation>> out(all_diagnostics().size());
    const std::span<const SeverityVariation> all(kSeverityVariations);
    for (auto first = all.begin(); first != all.end();) {
      const auto last = std::find_if(first, all.end(),
                                     [&](const SeverityVariation& v) { return v.code != first->code; });
      auto& slot = out[static_cast<std::size_t>(first->code)];
      if (!slot.empty()) {
        throw std::logic_error(fmt::format("codes.def: the PROFILEC_SEVERITY lines of {} are not together",
                                           info(first->code).id));
      }
      slot = std::span<const SeverityVariation>(first, last);
      first = last;
    }
    return out;
  }();
  return table;
}

}  // namespace

std::span<const SeverityVariation> other_severities(DiagnosticCode code) {
  return by_code()[static_cast<std::size_t>(code)];
}

std::span<const SeverityVariation> all_severity_variations() { return kSeverityVariations; }

bool may_be(DiagnosticCode code, Severity severity) {
  const auto others = other_severities(code);
  return severity == info(code).default_severity ||
         std::any_of(others.begin(), others.end(), [&](const SeverityVariation& v) { return v.severity == severity; });
}

std::string severity_description(const DiagnosticInfo& rule) {
  std::string out(severity_name(rule.default_severity));
  const auto others = other_severities(rule.code);
  for (std::size_t i = 0; i < others.size(); ++i) {
    out += fmt::format("{}{} {}", i == 0 ? " (" : "; ", severity_name(others[i].severity), others[i].when);
  }
  if (!others.empty()) out += ")";
  return out;
}

void regrade(Diagnostic& diagnostic, Severity to) {
  if (!may_be(diagnostic.code, to)) {
    throw std::logic_error(fmt::format("{} may not be reported as {}: codes.def gives it no such severity",
                                       info(diagnostic.code).id, severity_name(to)));
  }
  diagnostic.severity = to;
}

}  // namespace profilec
