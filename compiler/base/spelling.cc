#include "base/spelling.h"

#include <algorithm>
#include <tuple>

namespace profilec {

namespace {

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Restricted Damerau-Levenshtein with half-cost case changes; gives up (and
// returns a value above `limit`) as soon as every path is over `limit`, so
// a long list of candidates costs little.
double bounded_distance(std::string_view a, std::string_view b, double limit) {
  const std::size_t n = a.size(), m = b.size();
  const double length_gap = n > m ? static_cast<double>(n - m) : static_cast<double>(m - n);
  if (length_gap > limit) return length_gap;
  // Rows reused across calls: a did-you-mean over a schema's keys for each
  // of 500,000 unknown keys would otherwise allocate 100 million of them.
  thread_local std::vector<double> before, previous, current;
  before.assign(m + 1, 0);
  previous.assign(m + 1, 0);
  current.assign(m + 1, 0);
  for (std::size_t j = 0; j <= m; ++j) previous[j] = static_cast<double>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    current[0] = static_cast<double>(i);
    double row_min = current[0];
    for (std::size_t j = 1; j <= m; ++j) {
      double substitute = 0;
      if (a[i - 1] != b[j - 1]) {
        const bool same_letter = ascii_lower(a[i - 1]) == ascii_lower(b[j - 1]);
        substitute = same_letter ? 0.5 : 1.0;
      }
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + substitute});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
      row_min = std::min(row_min, current[j]);
    }
    if (row_min > limit) return row_min;
    before.swap(previous);
    previous.swap(current);
  }
  return previous[m];
}

bool is_separator(char c) { return c == '.' || c == '-' || c == '/' || c == '_' || c == ':'; }

bool is_word_character(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

// Whether `word` stands in `name` at `at` as whole segments: a separator (or
// the start) before it, and one (or the end) after it.
bool segments_at(std::string_view name, std::string_view word, std::size_t at) {
  if (at > 0 && !is_separator(name[at - 1])) return false;
  const std::size_t end = at + word.size();
  if (end < name.size() && !is_separator(name[end])) return false;
  return equal_ignoring_case(name.substr(at, word.size()), word);
}

bool holds_segments(std::string_view name, std::string_view word) {
  for (std::size_t at = 0; at + word.size() <= name.size(); ++at) {
    if (segments_at(name, word, at)) return true;
  }
  return false;
}

}  // namespace

double spelling_distance(std::string_view a, std::string_view b) {
  return bounded_distance(a, b, static_cast<double>(std::max(a.size(), b.size())) + 1);
}

std::optional<std::string> closest_spelling(std::string_view word, const std::vector<std::string>& candidates) {
  return closest_spelling_within(word, candidates, std::max(1.0, static_cast<double>(word.size()) / 3.0));
}

std::optional<std::string> closest_spelling_within(std::string_view word, const std::vector<std::string>& candidates,
                                                   double max_distance) {
  std::optional<std::string> best;
  double best_distance = max_distance + 1;
  for (const std::string& candidate : candidates) {
    const double distance = bounded_distance(word, candidate, std::min(max_distance, best_distance));
    if (distance <= max_distance && distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

std::vector<std::string> suggest_names(std::string_view word, const std::vector<std::string>& candidates,
                                       std::size_t limit) {
  enum Kind { kCase, kPrefix, kSegment, kStart, kTypo };
  const double max_distance = std::max(1.0, static_cast<double>(word.size()) / 3.0);
  // (kind, distance, length, name): the order of the result.
  std::vector<std::tuple<Kind, double, std::size_t, std::string_view>> found;
  if (word.empty()) return {};
  for (const std::string& name : candidates) {
    if (name == word) continue;  // the user named it: nothing to suggest
    if (equal_ignoring_case(name, word)) {
      found.emplace_back(kCase, 0.0, name.size(), name);
    } else if (name.size() > word.size() && segments_at(name, word, 0)) {
      found.emplace_back(kPrefix, 0.0, name.size(), name);
    } else if (holds_segments(name, word)) {
      found.emplace_back(kSegment, 0.0, name.size(), name);
    } else if (word.size() >= 3 && name.size() > word.size() &&
               equal_ignoring_case(name.substr(0, word.size()), word)) {
      found.emplace_back(kStart, 0.0, name.size(), name);
    } else if (const double distance = bounded_distance(word, name, max_distance); distance <= max_distance) {
      found.emplace_back(kTypo, distance, name.size(), name);
    }
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> out;
  for (const auto& entry : found) {
    if (out.size() == limit) break;
    // A typo only when nothing matched better, and only one: a typo has one
    // likeliest intent (a tie goes to the first by name).
    if (std::get<0>(entry) == kTypo && !out.empty()) break;
    out.emplace_back(std::get<3>(entry));
  }
  return out;
}

bool mentions_word(std::string_view text, std::string_view word) {
  if (word.empty() || word.size() > text.size()) return false;
  for (std::size_t at = 0; at + word.size() <= text.size(); ++at) {
    if (at > 0 && is_word_character(text[at - 1])) continue;
    if (equal_ignoring_case(text.substr(at, word.size()), word)) return true;
  }
  return false;
}

std::string did_you_mean(const std::vector<std::string>& names) {
  if (names.empty()) return {};
  std::string out = "did you mean ";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += '\'';
    out += names[i];
    out += '\'';
  }
  out += '?';
  return out;
}

std::optional<std::string> certain_spelling(std::string_view word, const std::vector<std::string>& candidates,
                                            double max_distance) {
  const auto same_but_for_case = [&](const std::string& candidate) {
    return candidate.size() == word.size() &&
           std::equal(candidate.begin(), candidate.end(), word.begin(),
                      [](char a, char b) { return ascii_lower(a) == ascii_lower(b); });
  };
  const std::size_t case_matches = std::count_if(candidates.begin(), candidates.end(), same_but_for_case);
  if (case_matches == 1) return *std::find_if(candidates.begin(), candidates.end(), same_but_for_case);
  if (case_matches > 1) return std::nullopt;
  const double limit = std::min(max_distance, std::max(1.0, static_cast<double>(word.size()) / 4.0));
  std::optional<std::string> best;
  double best_distance = limit + 1;
  bool tie = false;
  for (const std::string& candidate : candidates) {
    // Bounded by the best so far: a candidate as near as it is still counts.
    const double distance = bounded_distance(word, candidate, std::min(limit, best_distance));
    if (distance > limit) continue;
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
      tie = false;
    } else if (distance == best_distance && candidate != *best) {
      tie = true;
    }
  }
  if (tie) return std::nullopt;
  return best;
}

}  // namespace profilec
