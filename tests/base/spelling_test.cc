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

}  // namespace
}  // namespace profilec
