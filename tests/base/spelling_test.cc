#include "base/spelling.h"

#include <gtest/gtest.h>

namespace profilec {
namespace {

TEST(SpellingTest, SuggestsTheClosestNameForATypo) {
  const std::vector<std::string> names = {"profile", "target", "payload"};
  EXPECT_EQ(closest_spelling("profle", names), "profile");
  EXPECT_EQ(closest_spelling("paylaod", names), "payload");
  EXPECT_EQ(closest_spelling("Target", names), "target");
}

TEST(SpellingTest, SuggestsNothingForAnUnrelatedWord) {
  EXPECT_EQ(closest_spelling("signing", {"profile", "target", "payload"}), std::nullopt);
}

TEST(SpellingTest, CaseChangesCostLessThanLetters) {
  EXPECT_LT(spelling_distance("allowcamera", "allowCamera"), spelling_distance("allowCamerb", "allowCamera"));
}

TEST(SuggestNamesTest, PrefersAPrefixEndingAtASeparatorOverACloserSpelling) {
  // "com.apple.MCX" is 3 edits away, within reach of a 14-letter typo; the
  // prefix wins all the same.
  const std::vector<std::string> types = {"com.apple.MCX", "com.apple.wifi.managed", "com.apple.vpn.managed"};
  EXPECT_EQ(closest_spelling("com.apple.wifi", types), "com.apple.MCX");
  EXPECT_EQ(suggest_names("com.apple.wifi", types), std::vector<std::string>{"com.apple.wifi.managed"});
}

TEST(SuggestNamesTest, FindsAWholeSegmentInsideAName) {
  const std::vector<std::string> types = {"com.apple.MCX", "com.apple.wifi.managed", "com.apple.wifim"};
  // "com.apple.wifim" holds "wifi" only as part of a segment: not listed.
  EXPECT_EQ(suggest_names("wifi", types), std::vector<std::string>{"com.apple.wifi.managed"});
}

TEST(SuggestNamesTest, FindsATypoWhenNothingElseMatches) {
  const std::vector<std::string> keys = {"allowAirDrop", "allowAirPlayIncomingRequests", "allowCamera"};
  EXPECT_EQ(suggest_names("allowAirDorp", keys), std::vector<std::string>{"allowAirDrop"});
  EXPECT_EQ(suggest_names("allowcamera", keys), std::vector<std::string>{"allowCamera"});
  EXPECT_TRUE(suggest_names("passcode", keys).empty());
}

TEST(SuggestNamesTest, RanksByMatchKindThenShortestAndStopsAtTheLimit) {
  const std::vector<std::string> names = {"key-needs-supervision", "PC2008", "PC2001", "PC2000", "PC20", "pc2008"};
  // Case first, then names starting with the word (shortest, then by name).
  EXPECT_EQ(suggest_names("PC200", names, 2), (std::vector<std::string>{"PC2000", "PC2001"}));
  EXPECT_EQ(suggest_names("pC2008", names, 5), (std::vector<std::string>{"PC2008", "pc2008"}));
  EXPECT_EQ(suggest_names("key-needs-supervison", names), std::vector<std::string>{"key-needs-supervision"});
  // A name the user wrote exactly is never suggested back.
  EXPECT_EQ(suggest_names("PC20", {"PC20"}), std::vector<std::string>{});
}

TEST(MentionsWordTest, MatchesAtTheStartOfAWordIgnoringCase) {
  EXPECT_TRUE(mentions_word("Needs Supervision.", "supervision"));
  EXPECT_TRUE(mentions_word("key-needs-supervision", "supervision"));
  EXPECT_TRUE(mentions_word("a supervised device", "supervis"));
  EXPECT_FALSE(mentions_word("nosupervision", "supervision"));
  EXPECT_FALSE(mentions_word("super", "supervision"));
  EXPECT_FALSE(mentions_word("anything", ""));
}

TEST(DidYouMeanTest, QuotesAndJoinsWithCommasAndOr) {
  EXPECT_EQ(did_you_mean({}), "");
  EXPECT_EQ(did_you_mean({"a"}), "did you mean 'a'?");
  EXPECT_EQ(did_you_mean({"a", "b"}), "did you mean 'a' or 'b'?");
  EXPECT_EQ(did_you_mean({"a", "b", "c"}), "did you mean 'a', 'b' or 'c'?");
}

// certain_spelling: the rename a fix may make. Its limit is max(1, length / 4)
// and the caller's maximum; each side of both is tested.
TEST(CertainSpellingTest, TakesTheOneNearestCandidateWithinAQuarterOfTheLength) {
  const std::vector<std::string> names = {"abcdefgh", "zzzzzzzz"};
  EXPECT_EQ(certain_spelling("abcdefXY", names, 10), "abcdefgh");    // 2 edits in 8 letters: the limit
  EXPECT_EQ(certain_spelling("abcdeXYZ", names, 10), std::nullopt);  // 3 edits: one more
  EXPECT_EQ(certain_spelling("abcd", {"abce"}, 10), "abce");         // a short word: 1 edit always
  EXPECT_EQ(certain_spelling("abcd", {"abxy"}, 10), std::nullopt);   // 2 edits in 4 letters
  EXPECT_EQ(certain_spelling("allowAirDorp", {"allowAirDrop", "allowAirPrint"}, 10), "allowAirDrop");
}

TEST(CertainSpellingTest, KeepsWithinTheCallersMaximum) {
  const std::vector<std::string> names = {"abcdefgh"};
  EXPECT_EQ(certain_spelling("abcdefgX", names, 1.5), "abcdefgh");    // 1
  EXPECT_EQ(certain_spelling("abcdefXY", names, 1.5), std::nullopt);  // 2 > 1.5
  EXPECT_EQ(certain_spelling("abcdefgX", names, 0.5), std::nullopt);  // 1 > 0.5
}

TEST(CertainSpellingTest, TwoEquallyNearCandidatesAreAGuess) {
  EXPECT_EQ(certain_spelling("abcf", {"abcd", "abce"}, 10), std::nullopt);
  EXPECT_EQ(certain_spelling("abcf", {"abcd", "abxy"}, 10), "abcd");  // the other is farther
}

TEST(CertainSpellingTest, ALetterCaseDifferenceIsCertainAtAnyDistance) {
  EXPECT_EQ(certain_spelling("PAYLOADUUID", {"PayloadUUID", "PayloadType"}, 1.5), "PayloadUUID");
  // Unless two candidates differ from it only by case.
  EXPECT_EQ(certain_spelling("FOO", {"Foo", "foo"}, 10), std::nullopt);
}

TEST(CertainSpellingTest, NothingNearIsNothing) {
  EXPECT_EQ(certain_spelling("signing", {"profile", "target", "payload"}, 10), std::nullopt);
  EXPECT_EQ(certain_spelling("x", {}, 10), std::nullopt);
}

}  // namespace
}  // namespace profilec
