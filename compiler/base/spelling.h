// "Did you mean" suggestions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace profilec {

// Edit distance (insert, delete, substitute, swap of neighbours), counting a
// change of letter case as half a step so `allowcamera` finds `allowCamera`.
double spelling_distance(std::string_view a, std::string_view b);

// The closest candidate when it is close enough to be a likely typo: at most
// a third of the word's length in edits (and at least one).
std::optional<std::string> closest_spelling(std::string_view word, const std::vector<std::string>& candidates);

// The closest candidate within `max_distance` (spelling_distance units).
std::optional<std::string> closest_spelling_within(std::string_view word, const std::vector<std::string>& candidates,
                                                   double max_distance);

// The candidate a fix may rename `word` to without asking (`check --fix`,
// the language server's code actions): the one candidate that equals `word`
// but for ASCII letter case, or else the one nearest candidate, strictly
// nearer than every other, at most max(1, length of `word` / 4) away and at
// most `max_distance`. Two candidates equally near are a guess: nullopt.
std::optional<std::string> certain_spelling(std::string_view word, const std::vector<std::string>& candidates,
                                            double max_distance);

}  // namespace profilec
