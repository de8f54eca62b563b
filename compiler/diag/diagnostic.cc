#include "diag/diagnostic.h"

#include <algorithm>
#include <cctype>

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

const DiagnosticInfo& info(DiagnosticCode code) { return all_diagnostics()[static_cast<std::size_t>(code)]; }

const DiagnosticInfo* find_diagnostic(std::string_view code_or_name) {
  const auto same_code = [](std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
             return std::toupper(static_cast<unsigned char>(x)) == std::toupper(static_cast<unsigned char>(y));
           });
  };
  for (const DiagnosticInfo& d : all_diagnostics()) {
    if (same_code(d.id, code_or_name) || d.name == code_or_name) return &d;
  }
  return nullptr;
}

std::string rule_page_path(const DiagnosticInfo& rule) {
  return std::string("docs/rules/").append(rule.id).append("-").append(rule.name).append(".md");
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
  items_.push_back(
      Diagnostic{code, info(code).default_severity, std::move(message), std::move(span), {}, std::move(help), {}});
  return items_.back();
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::has_errors() const { return count(Severity::kError) > 0; }

std::size_t Diagnostics::count(Severity severity) const {
  return static_cast<std::size_t>(std::count_if(items_.begin(), items_.end(),
                                                [&](const Diagnostic& d) { return d.severity == severity; }));
}

}  // namespace profilec
