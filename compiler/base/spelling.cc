#include "base/spelling.h"

#include <algorithm>
#include <cctype>

namespace profilec {

double spelling_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<double>> d(n + 1, std::vector<double>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = static_cast<double>(i);
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = static_cast<double>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      double substitute = 0;
      if (a[i - 1] != b[j - 1]) {
        const bool same_letter = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                                 std::tolower(static_cast<unsigned char>(b[j - 1]));
        substitute = same_letter ? 0.5 : 1.0;
      }
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + substitute});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

std::optional<std::string> closest_spelling(std::string_view word, const std::vector<std::string>& candidates) {
  return closest_spelling_within(word, candidates, std::max(1.0, static_cast<double>(word.size()) / 3.0));
}

std::optional<std::string> closest_spelling_within(std::string_view word, const std::vector<std::string>& candidates,
                                                   double limit) {
  std::optional<std::string> best;
  double best_distance = limit + 1;
  for (const std::string& candidate : candidates) {
    const double distance = spelling_distance(word, candidate);
    if (distance <= limit && distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace profilec
