#include "base/text_positions.h"

#include <gtest/gtest.h>

#include <vector>

namespace profilec {
namespace {

TEST(LineStartsTest, OneStartPerLineAfterEachLineFeed) {
  EXPECT_EQ(line_starts(""), (std::vector<std::size_t>{0}));
  EXPECT_EQ(line_starts("abc"), (std::vector<std::size_t>{0}));
  EXPECT_EQ(line_starts("a\nbc\r\n\nd"), (std::vector<std::size_t>{0, 2, 6, 7}));
  EXPECT_EQ(line_starts("\n"), (std::vector<std::size_t>{0, 1}));
}

TEST(TextPositionsTest, LinesAndCodePointColumns) {
  TextPositions positions("ab\n\xC3\x84x\r\nz");
  EXPECT_EQ(positions.at(0).line, 1u);
  EXPECT_EQ(positions.at(1).column, 2u);
  const SourcePosition x = positions.at(5);  // after the 2-byte Ä
  EXPECT_EQ(x.line, 2u);
  EXPECT_EQ(x.column, 2u);
  const SourcePosition z = positions.at(8);
  EXPECT_EQ(z.line, 3u);
  EXPECT_EQ(z.column, 1u);
  const SourcePosition back = positions.at(3);  // behind the previous lookup
  EXPECT_EQ(back.line, 2u);
  EXPECT_EQ(back.column, 1u);
}

}  // namespace
}  // namespace profilec
