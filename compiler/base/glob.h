// Shell-style matching of one name against one pattern, shared by
// profilec.toml's `exclude` (one path segment at a time) and
// `[secrets] allow_env` (variable names).
#pragma once

#include <string_view>

namespace profilec {

// `*` matches any run of characters (also none), `?` any one character,
// everything else itself. One backtrack point: linear for patterns with
// one `*`, O(pattern * text) at worst.
inline bool glob_matches(std::string_view pattern, std::string_view text) {
  std::size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace profilec
