#include "import/plist_difference.h"

#include <gtest/gtest.h>

namespace profilec::import {
namespace {

ir::Value dict(std::vector<std::pair<std::string, ir::Value>> entries) {
  ir::Dict d;
  for (auto& [k, v] : entries) d.push_back({k, {}, std::move(v)});
  return ir::make_dict(std::move(d));
}

TEST(PlistDifferenceTest, EqualIgnoresKeyOrderOnly) {
  const ir::Value a = dict({{"a", ir::make_integer(1)}, {"b", ir::make_string("x")}});
  const ir::Value b = dict({{"b", ir::make_string("x")}, {"a", ir::make_integer(1)}});
  EXPECT_EQ(plist_difference(a, b), std::nullopt);
}

TEST(PlistDifferenceTest, NamesThePathOfTheFirstDifference) {
  const ir::Value a = dict({{"List", ir::make_array({ir::make_boolean(true), dict({{"k", ir::make_integer(1)}})})}});
  const ir::Value b = dict({{"List", ir::make_array({ir::make_boolean(true), dict({{"k", ir::make_real(1.0)}})})}});
  EXPECT_EQ(plist_difference(a, b), "List[1].k");
  EXPECT_EQ(plist_difference(a, dict({})), "List (missing)");
  EXPECT_EQ(plist_difference(dict({}), a), "List (added)");
  EXPECT_EQ(plist_difference(ir::make_boolean(true), ir::make_integer(1)), "");
}

TEST(PlistDifferenceTest, MinusZeroIsNotZero) {
  EXPECT_EQ(plist_difference(ir::make_real(0.0), ir::make_real(-0.0)), "");
  EXPECT_EQ(plist_difference(ir::make_real(-0.0), ir::make_real(-0.0)), std::nullopt);
}

}  // namespace
}  // namespace profilec::import
