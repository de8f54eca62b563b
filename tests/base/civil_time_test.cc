#include "base/civil_time.h"

#include <gtest/gtest.h>

#include <tuple>

namespace profilec {
namespace {

auto fields(const CivilTime& t) { return std::make_tuple(t.year, t.month, t.day, t.hour, t.minute, t.second); }

TEST(CivilTimeTest, SecondsToDateAndBack) {
  struct Case {
    std::int64_t seconds;
    const char* text;
  };
  // Figures from python3's datetime (proleptic Gregorian, UTC).
  for (const Case& c : {Case{0, "1970-01-01T00:00:00Z"}, Case{-1, "1969-12-31T23:59:59Z"},
                        Case{951782400, "2000-02-29T00:00:00Z"}, Case{951868800, "2000-03-01T00:00:00Z"},
                        Case{4107542400, "2100-03-01T00:00:00Z"}, Case{978307200, "2001-01-01T00:00:00Z"},
                        Case{-62135596800, "0001-01-01T00:00:00Z"}, Case{-62135596801, "0000-12-31T23:59:59Z"},
                        Case{253402300799, "9999-12-31T23:59:59Z"}, Case{253402300800, "10000-01-01T00:00:00Z"}}) {
    const CivilTime t = civil_time_from_unix_seconds(c.seconds);
    EXPECT_EQ(format_utc(t), c.text) << c.seconds;
    EXPECT_EQ(unix_seconds_from_civil_time(t), c.seconds) << c.text;
  }
}

TEST(CivilTimeTest, LeapYears) {
  // February 29 exists in 2024 and 2000, not in 2023 or 2100: there it is March 1.
  EXPECT_EQ(fields(civil_time_from_unix_seconds(unix_seconds_from_civil_time({2024, 2, 29, 0, 0, 0}))),
            std::make_tuple(2024, 2, 29, 0, 0, 0));
  EXPECT_EQ(fields(civil_time_from_unix_seconds(unix_seconds_from_civil_time({2000, 2, 29, 0, 0, 0}))),
            std::make_tuple(2000, 2, 29, 0, 0, 0));
  EXPECT_EQ(fields(civil_time_from_unix_seconds(unix_seconds_from_civil_time({2023, 2, 29, 0, 0, 0}))),
            std::make_tuple(2023, 3, 1, 0, 0, 0));
  EXPECT_EQ(fields(civil_time_from_unix_seconds(unix_seconds_from_civil_time({2100, 2, 29, 0, 0, 0}))),
            std::make_tuple(2100, 3, 1, 0, 0, 0));
}

TEST(CivilTimeTest, OutOfRangeFieldsRunOnAsTimegmDoes) {
  EXPECT_EQ(format_utc(civil_time_from_unix_seconds(unix_seconds_from_civil_time({2026, 2, 31, 0, 0, 0}))),
            "2026-03-03T00:00:00Z");
  EXPECT_EQ(format_utc(civil_time_from_unix_seconds(unix_seconds_from_civil_time({2026, 12, 31, 23, 59, 60}))),
            "2027-01-01T00:00:00Z");
  EXPECT_EQ(format_utc(civil_time_from_unix_seconds(unix_seconds_from_civil_time({2026, 1, 1, 24, 0, 0}))),
            "2026-01-02T00:00:00Z");
}

}  // namespace
}  // namespace profilec
