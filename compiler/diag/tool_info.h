// Who produced a report: the machine-readable renderers (json, sarif) name
// the tool and link each rule to its page. The CLI fills it in from the build.
#pragma once

#include <string>

#include "diag/diagnostic.h"

namespace profilec {

struct ToolInfo {
  std::string version;   // "0.1.0"
  std::string homepage;  // "https://github.com/<owner>/profilec"

  // The rule's page on the home page: HOMEPAGE/blob/main/docs/rules/PC0001-toml-syntax.md
  std::string rule_url(const DiagnosticInfo& rule) const { return homepage + "/blob/main/" + rule_page_path(rule); }
  // Where the stdlib fragments (paths "stdlib:NAME.toml") are on the home
  // page: HOMEPAGE/blob/main/stdlib/ (a folder: the URI ends with '/').
  std::string stdlib_url() const { return homepage + "/blob/main/stdlib/"; }
};

}  // namespace profilec
