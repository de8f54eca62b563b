// A fixed pattern of profilec's own, matched against a whole text: the
// names and versions of the language (lang/language_tables.h) and of
// profilec.toml.
//
// POSIX extended regular expressions (regcomp(3)), not std::regex: compiling
// a bracket expression with std::regex builds a table of the locale's
// character classes, which cost as much as the rest of a one-file `check`
// (docs/performance.md, "Start-up"). profilec never calls setlocale, so
// ranges such as [A-Za-z] are the "C" locale's. The patterns are written in
// the subset where POSIX ERE and ECMAScript (JSON Schema's dialect, in which
// editors apply the same patterns from the generated schema) agree:
// anchors, bracket expressions, groups, `*`, `+`, `?` and `{m,n}`; no `\d`,
// `\s`, or look-arounds. Apple's patterns in schemas are ECMAScript and are
// not for this class (check/rules/format_mismatch.cc).
#pragma once

#include <regex.h>

#include <string_view>

namespace profilec {

class Pattern {
 public:
  // Throws std::invalid_argument when `expression` does not compile: a bug
  // in profilec's own tables, found by the tests.
  explicit Pattern(std::string_view expression);
  ~Pattern();
  Pattern(const Pattern&) = delete;
  Pattern& operator=(const Pattern&) = delete;
  Pattern(Pattern&&) = delete;
  Pattern& operator=(Pattern&&) = delete;

  // Whether `text` matches the pattern, which anchors itself (^...$). A text
  // holding a NUL never matches (regexec would stop at it). Safe to call from
  // several threads at once.
  bool matches(std::string_view text) const;

 private:
  regex_t compiled_{};
};

}  // namespace profilec
