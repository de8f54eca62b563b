// `--format github`: GitHub Actions workflow commands, one line per finding,
// which GitHub turns into annotations on the pull request:
//
//   ::error file=policies/a.toml,line=2,col=6,endLine=2,endColumn=7,title=PC0004 invalid-field::profile.id must be a
//   string%0Ahelp: quote it
//
// error -> ::error, warning -> ::warning, note -> ::notice. Notes and the
// help line follow the message on lines of their own (encoded as %0A).
// Escaping follows GitHub's toolkit: `%`, CR and LF everywhere, and `:` and
// `,` in properties too. Columns are only given for a one-line span, with an
// inclusive end column, as GitHub reads them.
#pragma once

#include <string>
#include <string_view>

#include "diag/diagnostic.h"

namespace profilec {

std::string render_github(const Diagnostics& diagnostics);

// GitHub's escaping of a command's message, and of a property's value.
std::string github_escape_data(std::string_view text);
std::string github_escape_property(std::string_view text);

}  // namespace profilec
