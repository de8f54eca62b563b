// The rule pages (docs/rules/<CODE>-<name>.md), embedded in the binary at
// build time by tools/embed-files, so `profilec explain` and the SARIF
// renderer need no install path.
#pragma once

#include <optional>
#include <string_view>

#include "diag/diagnostic.h"

namespace profilec {

// The Markdown text of the rule's page; nullopt when the build had none.
std::optional<std::string_view> rule_page(const DiagnosticInfo& rule);

}  // namespace profilec
