#include "diag/diagnostic.h"

#include <algorithm>

namespace profilec {

const std::vector<DiagnosticInfo>& all_diagnostics() {
  static const std::vector<DiagnosticInfo> table = {
#define PROFILEC_DIAGNOSTIC(code, name, severity, summary) \
  {DiagnosticCode::code, #code, name, Severity::severity, summary},
#include "diag/codes.def"
#undef PROFILEC_DIAGNOSTIC
  };
  return table;
}

const DiagnosticInfo& info(DiagnosticCode code) {
  return all_diagnostics()[static_cast<std::size_t>(code)];
}

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::kNote: return "note";
    case Severity::kWarning: return "warning";
    case Severity::kError: return "error";
  }
  return "error";
}

Diagnostic& Diagnostics::report(DiagnosticCode code, SourceSpan span, std::string message, std::string help) {
  items_.push_back(Diagnostic{code, info(code).default_severity, std::move(message), std::move(span), {},
                              std::move(help)});
  return items_.back();
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::has_errors() const { return count(Severity::kError) > 0; }

std::size_t Diagnostics::count(Severity severity) const {
  return static_cast<std::size_t>(
      std::count_if(items_.begin(), items_.end(), [&](const Diagnostic& d) { return d.severity == severity; }));
}

}  // namespace profilec
