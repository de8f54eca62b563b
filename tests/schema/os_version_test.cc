#include "schema/os_version.h"

#include <gtest/gtest.h>

namespace profilec::schema {
namespace {

TEST(OsVersionTest, ComparesNumerically) {
  EXPECT_LT(*OsVersion::parse("10.9"), *OsVersion::parse("10.13"));
  EXPECT_LT(*OsVersion::parse("17.0"), *OsVersion::parse("17.0.1"));
  EXPECT_EQ(*OsVersion::parse("17"), *OsVersion::parse("17.0"));
  EXPECT_LT(OsVersion::since_first(), *OsVersion::parse("1.0"));
}

TEST(OsVersionTest, ParsesSpecialValuesAndRejectsJunk) {
  EXPECT_TRUE(OsVersion::parse("n/a")->is_not_available());
  EXPECT_EQ(OsVersion::parse("all")->text(), "all");
  EXPECT_EQ(OsVersion::parse("10.13.4")->text(), "10.13.4");
  EXPECT_EQ(OsVersion::parse("17")->text(), "17.0");
  for (const char* junk : {"", "17.", ".1", "1.2.3.4", "x", "-1", "1..2", "17.0a"}) {
    EXPECT_EQ(OsVersion::parse(junk), std::nullopt) << junk;
  }
}

}  // namespace
}  // namespace profilec::schema
