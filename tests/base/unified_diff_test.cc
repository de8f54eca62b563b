#include "base/unified_diff.h"

#include <gtest/gtest.h>

namespace profilec {
namespace {

TEST(UnifiedDiffTest, EqualTextsGiveNothing) { EXPECT_EQ(unified_diff("a", "x\n", "x\n"), ""); }

TEST(UnifiedDiffTest, OneChangedLineWithThreeLinesOfContext) {
  EXPECT_EQ(unified_diff("p.toml", "1\n2\n3\n4\n5\n6\n7\n8\n", "1\n2\n3\n4x\n5\n6\n7\n8\n"),
            "--- p.toml\n+++ p.toml\n@@ -1,7 +1,7 @@\n 1\n 2\n 3\n-4\n+4x\n 5\n 6\n 7\n");
}

TEST(UnifiedDiffTest, ChangesFarApartAreTwoHunks) {
  std::string before, after;
  for (int i = 1; i <= 20; ++i) {
    before += std::to_string(i) + "\n";
    after += (i == 2 || i == 18 ? "x" : std::to_string(i)) + "\n";
  }
  EXPECT_EQ(unified_diff("p", before, after),
            "--- p\n+++ p\n@@ -1,5 +1,5 @@\n 1\n-2\n+x\n 3\n 4\n 5\n"
            "@@ -15,6 +15,6 @@\n 15\n 16\n 17\n-18\n+x\n 19\n 20\n");
  // Six unchanged lines between two changes: one hunk.
  EXPECT_EQ(unified_diff("p", "a\n1\n2\n3\n4\n5\n6\nb\n", "A\n1\n2\n3\n4\n5\n6\nB\n"),
            "--- p\n+++ p\n@@ -1,8 +1,8 @@\n-a\n+A\n 1\n 2\n 3\n 4\n 5\n 6\n-b\n+B\n");
}

TEST(UnifiedDiffTest, ALastLineWithoutABreakSaysSo) {
  EXPECT_EQ(unified_diff("p", "a\nb", "a\nc"),
            "--- p\n+++ p\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n");
}

TEST(UnifiedDiffTest, AddedAndRemovedLines) {
  EXPECT_EQ(unified_diff("p", "", "a\n"), "--- p\n+++ p\n@@ -0,0 +1,1 @@\n+a\n");
  EXPECT_EQ(unified_diff("p", "a\nb\nc\n", "a\nc\n"), "--- p\n+++ p\n@@ -1,3 +1,2 @@\n a\n-b\n c\n");
}

}  // namespace
}  // namespace profilec
