// A diagnostic is plain data: code, severity, message, where, notes at other
// places, and a help line. Stages report them; only the CLI renders them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/source_span.h"

namespace profilec {

enum class Severity { kNote, kWarning, kError };

enum class DiagnosticCode {
#define PROFILEC_DIAGNOSTIC(code, name, severity, summary) code,
#include "diag/codes.def"
#undef PROFILEC_DIAGNOSTIC
};

struct DiagnosticInfo {
  DiagnosticCode code;
  std::string_view id;    // "PC0001"
  std::string_view name;  // "toml-syntax"
  Severity default_severity;
  std::string_view summary;
};

const DiagnosticInfo& info(DiagnosticCode code);
const std::vector<DiagnosticInfo>& all_diagnostics();
std::string_view severity_name(Severity severity);  // "error", "warning", "note"

// A rule by its code ("PC0001", any letter case) or its name ("toml-syntax");
// nullptr when there is none.
const DiagnosticInfo* find_diagnostic(std::string_view code_or_name);

// The rule's page in the repository: "docs/rules/PC0001-toml-syntax.md".
std::string rule_page_path(const DiagnosticInfo& rule);

struct DiagnosticNote {
  SourceSpan span;
  std::string message;
};

// A certain edit that resolves a finding (a did-you-mean rename, ...):
// replace the text of `span` (one file, one line or several) with
// `replacement`. `check --fix` applies them and the language server offers
// them as code actions; a guess is never a fix.
struct DiagnosticFix {
  SourceSpan span;
  std::string replacement;
  std::string title;  // "rename 'allowAirDorp' to 'allowAirDrop'"
};

struct Diagnostic {
  DiagnosticCode code;
  Severity severity;
  std::string message;  // short, lower-case, no final period
  SourceSpan span;
  std::vector<DiagnosticNote> notes;
  std::string help;                  // empty when there is nothing to suggest
  std::vector<DiagnosticFix> fixes;  // certain edits only; empty for most findings
};

// Where stages put what they find. Keeps the order of reporting.
class Diagnostics {
 public:
  Diagnostic& report(DiagnosticCode code, SourceSpan span, std::string message, std::string help = {});
  void append(const Diagnostics& other);

  const std::vector<Diagnostic>& all() const { return items_; }
  // For the passes that drop or re-grade findings (suppressions, severities).
  std::vector<Diagnostic>& mutable_all() { return items_; }
  bool has_errors() const;
  std::size_t count(Severity severity) const;
  bool empty() const { return items_.empty(); }

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace profilec
