// The severities a code may take besides its default, and when: codes.def's
// PROFILEC_SEVERITY lines. A rule that reports a finding at another severity
// than the default goes through regrade, which refuses a severity codes.def
// does not list, so that the registry and the rule's page tell the truth.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "diag/diagnostic.h"

namespace profilec {

struct SeverityVariation {
  DiagnosticCode code;
  Severity severity;
  std::string_view when;  // "for a `<real>`": reads after the severity's name
};

// In codes.def's order; empty for most codes.
std::span<const SeverityVariation> other_severities(DiagnosticCode code);
// Every PROFILEC_SEVERITY line, in codes.def's order.
std::span<const SeverityVariation> all_severity_variations();

// The code's default, or one of its other_severities.
bool may_be(DiagnosticCode code, Severity severity);

// What the rule's page says after "**Default severity:** ": "error", or
// "error (warning for a `<real>`; note for ...)" for a code that varies.
std::string severity_description(const DiagnosticInfo& rule);

// Changes the severity of a finding just reported to one codes.def allows for
// its code. Throws std::logic_error for any other: a rule cannot vary unless
// codes.def, and so its page, says when. (The user's [rules] severities are
// applied without it: diag/severity_overrides.h.)
void regrade(Diagnostic& diagnostic, Severity to);

}  // namespace profilec
