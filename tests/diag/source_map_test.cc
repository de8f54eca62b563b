#include "diag/source_map.h"

#include <gtest/gtest.h>

namespace profilec {
namespace {

TEST(SourceMapTest, GivesLinesWithoutTheirBreaks) {
  SourceMap sources;
  sources.add("a.toml", "one\r\ntwo\nthree");
  EXPECT_EQ(sources.line("a.toml", 1), "one");
  EXPECT_EQ(sources.line("a.toml", 2), "two");
  EXPECT_EQ(sources.line("a.toml", 3), "three");
  EXPECT_EQ(sources.line("a.toml", 4), std::nullopt);
  EXPECT_EQ(sources.line("a.toml", 0), std::nullopt);
  EXPECT_EQ(sources.line("b.toml", 1), std::nullopt);
  ASSERT_NE(sources.text("a.toml"), nullptr);
  EXPECT_EQ(*sources.text("a.toml"), "one\r\ntwo\nthree");
}

// take() moves every file over: a path both hold gets the taken text (and
// its lines), the others stay, and the taken map is left empty.
TEST(SourceMapTest, TakeMovesEveryFileAndReplacesThoseOfTheSamePath) {
  SourceMap into;
  into.add("b.toml", "old b\nline 2");
  into.add("d.toml", "d");
  SourceMap other;
  other.add("a.toml", "a");
  other.add("b.toml", "new b");
  other.add("c.toml", "c");
  other.add("e.toml", "e");
  into.take(std::move(other));
  for (const char* path : {"a.toml", "c.toml", "d.toml", "e.toml"}) {
    ASSERT_NE(into.text(path), nullptr) << path;
  }
  EXPECT_EQ(*into.text("b.toml"), "new b");
  EXPECT_EQ(into.line("b.toml", 1), "new b");
  EXPECT_EQ(into.line("b.toml", 2), std::nullopt);  // the old text's second line is gone with it
  EXPECT_EQ(*into.text("d.toml"), "d");
  EXPECT_EQ(other.text("a.toml"), nullptr);  // NOLINT(bugprone-use-after-move): take() empties it
  into.take(SourceMap{});
  EXPECT_EQ(*into.text("e.toml"), "e");
}

}  // namespace
}  // namespace profilec
