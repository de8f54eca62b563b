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

// "Did you mean" for a name a user typed on the command line (a payload
// type, a key path, a rule, a stdlib fragment): the candidates it most
// likely meant, best first, at most `limit`. Ranked by kind of match, then
// by length (the shortest, most general name first):
//   1. the same name in another letter case;
//   2. names that start with `word` followed by a separator (. - / _ :):
//      "com.apple.wifi" -> "com.apple.wifi.managed";
//   3. names that hold `word` as whole segments: "wifi" -> "com.apple.wifi.managed";
//   4. names that start with `word` (3 characters or more): "allowAir" -> "allowAirDrop";
//   5. a typo, as closest_spelling finds it: only the closest (a tie goes to
//      the first by name), since one typo has one likeliest intent.
// Names of one match kind are all listed before any of the next, so a prefix
// never loses to a raw edit distance ("com.apple.wifi" is 3 edits from
// "com.apple.MCX" but a prefix of "com.apple.wifi.managed").
std::vector<std::string> suggest_names(std::string_view word, const std::vector<std::string>& candidates,
                                       std::size_t limit = 3);

// Whether `text` mentions `word`: case-insensitive, at the start of a word of
// `text` ("supervision" is in "Needs Supervision." and "key-needs-supervision",
// not in "nosupervision"). For topic searches such as `explain supervision`.
bool mentions_word(std::string_view text, std::string_view word);

// suggest_names' result for a message: "did you mean 'a'?", "did you mean
// 'a', 'b' or 'c'?"; empty when there is none.
std::string did_you_mean(const std::vector<std::string>& names);

// The candidate a fix may rename `word` to without asking (`check --fix`,
// the language server's code actions): the one candidate that equals `word`
// but for ASCII letter case, or else the one nearest candidate, strictly
// nearer than every other, at most max(1, length of `word` / 4) away and at
// most `max_distance`. Two candidates equally near are a guess: nullopt.
std::optional<std::string> certain_spelling(std::string_view word, const std::vector<std::string>& candidates,
                                            double max_distance);

}  // namespace profilec
