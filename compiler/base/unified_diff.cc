#include "base/unified_diff.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace profilec {
namespace {

constexpr std::size_t kContext = 3;
constexpr std::size_t kLargestTable = std::size_t{1} << 22;  // cells of the LCS table: 16 MiB

struct Line {
  std::string_view text;  // without its '\n'
  bool last_without_break = false;
};

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) {
      lines.push_back({text.substr(at), true});
      break;
    }
    lines.push_back({text.substr(at, end - at), false});
    at = end + 1;
  }
  return lines;
}

bool same(const Line& a, const Line& b) { return a.text == b.text && a.last_without_break == b.last_without_break; }

// One step of the edit script: a line of both, of `before` only, or of
// `after` only.
struct Step {
  char kind;        // ' ', '-', '+'
  std::size_t old;  // index in before (for ' ' and '-')
  std::size_t now;  // index in after (for ' ' and '+')
};

// The longest common subsequence of the lines between a common prefix and
// suffix. Fixes change few lines, so the middle is small.
std::vector<Step> edit_script(const std::vector<Line>& a, const std::vector<Line>& b) {
  std::size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && same(a[prefix], b[prefix])) ++prefix;
  std::size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         same(a[a.size() - 1 - suffix], b[b.size() - 1 - suffix])) {
    ++suffix;
  }
  const std::size_t n = a.size() - prefix - suffix, m = b.size() - prefix - suffix;
  std::vector<Step> steps;
  for (std::size_t i = 0; i < prefix; ++i) steps.push_back({' ', i, i});
  if (n > kLargestTable / (m + 1)) {
    // Too many lines to compare each with each (a file whose first and
    // last lines changed): line against line, the rest removed or added.
    for (std::size_t i = 0; i < std::max(n, m); ++i) {
      if (i < n && i < m && same(a[prefix + i], b[prefix + i])) {
        steps.push_back({' ', prefix + i, prefix + i});
        continue;
      }
      if (i < n) steps.push_back({'-', prefix + i, 0});
      if (i < m) steps.push_back({'+', 0, prefix + i});
    }
    for (std::size_t k = 0; k < suffix; ++k) steps.push_back({' ', prefix + n + k, prefix + m + k});
    return steps;
  }
  std::vector<std::uint32_t> table((n + 1) * (m + 1), 0);  // LCS length of the tails
  const auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return table[i * (m + 1) + j]; };
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      at(i, j) = same(a[prefix + i], b[prefix + j]) ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
    }
  }
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && same(a[prefix + i], b[prefix + j])) {
      steps.push_back({' ', prefix + i++, prefix + j++});
    } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
      steps.push_back({'-', prefix + i++, 0});
    } else {
      steps.push_back({'+', 0, prefix + j++});
    }
  }
  for (std::size_t k = 0; k < suffix; ++k) steps.push_back({' ', prefix + n + k, prefix + m + k});
  return steps;
}

// "@@ -l,s +l,s @@": a range of no lines starts at the line before it.
std::string range(std::size_t first, std::size_t count) {
  return fmt::format("{},{}", count == 0 ? first : first + 1, count);
}

}  // namespace

std::string unified_diff(const std::string& path, std::string_view before, std::string_view after) {
  if (before == after) return {};
  const std::vector<Line> a = split_lines(before), b = split_lines(after);
  const std::vector<Step> steps = edit_script(a, b);
  std::string out = fmt::format("--- {}\n+++ {}\n", path, path);
  std::size_t k = 0;
  while (k < steps.size()) {
    // The next change, and the hunk around it: changes less than two
    // contexts apart share one.
    while (k < steps.size() && steps[k].kind == ' ') ++k;
    if (k == steps.size()) break;
    const std::size_t start = k >= kContext ? k - kContext : 0;
    std::size_t end = k;
    std::size_t unchanged = 0;
    for (std::size_t s = k; s < steps.size(); ++s) {
      if (steps[s].kind != ' ') {
        end = s + 1;
        unchanged = 0;
      } else if (++unchanged > 2 * kContext) {
        break;
      }
    }
    end = std::min(steps.size(), end + kContext);
    std::size_t old_first = 0, old_count = 0, new_first = 0, new_count = 0;
    bool old_set = false, new_set = false;
    for (std::size_t s = start; s < end; ++s) {
      if (steps[s].kind != '+') {
        if (!old_set) old_first = steps[s].old, old_set = true;
        ++old_count;
      }
      if (steps[s].kind != '-') {
        if (!new_set) new_first = steps[s].now, new_set = true;
        ++new_count;
      }
    }
    // An empty side starts after the lines before the hunk on that side.
    if (!old_set) old_first = start == 0 ? 0 : steps[start - 1].old + 1;
    if (!new_set) new_first = start == 0 ? 0 : steps[start - 1].now + 1;
    out += fmt::format("@@ -{} +{} @@\n", range(old_first, old_count), range(new_first, new_count));
    for (std::size_t s = start; s < end; ++s) {
      const Line& line = steps[s].kind == '+' ? b[steps[s].now] : a[steps[s].old];
      out += steps[s].kind;
      out += line.text;
      out += '\n';
      if (line.last_without_break) out += "\\ No newline at end of file\n";
    }
    k = end;
  }
  return out;
}

}  // namespace profilec
