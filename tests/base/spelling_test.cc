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
