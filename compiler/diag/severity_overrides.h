// Severity overrides: a project re-grades rules (profilec.toml's [rules],
// docs/cli.md "Rule severities").
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "diag/diagnostic.h"

namespace profilec {

enum class SeverityOverride { kError, kWarning, kNote, kOff };

// "error", "warning", "note", "off"; nullopt for anything else.
std::optional<SeverityOverride> parse_severity_override(std::string_view text);

// Gives every finding of an overridden rule the new severity; `kOff` removes
// the finding. Keys are codes ("PC0010", any letter case) or names
// ("empty-profile"); when both name one rule, the code wins. Keys that name
// no rule are ignored: whoever reads the overrides reports them (see
// find_diagnostic). Notes keep their place; only the finding's severity
// changes.
void apply_severity_overrides(Diagnostics& diagnostics, const std::map<std::string, SeverityOverride>& overrides);

}  // namespace profilec
