// UTC dates and times of the proleptic Gregorian calendar, by C++20's
// <chrono> calendar types (std::chrono::year_month_day, sys_days): the one
// place profilec turns seconds since 1970 into a date and back.
#pragma once

#include <cstdint>
#include <string>

namespace profilec {

struct CivilTime {
  int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;
};

// The UTC date and time `seconds` after 1970-01-01T00:00:00Z (before it when
// negative), for the years std::chrono::year holds (-32767 to 32767).
CivilTime civil_time_from_unix_seconds(std::int64_t seconds);

// The seconds since 1970-01-01T00:00:00Z of `time`, read as timegm(3) reads
// a struct tm, for months 1 to 12 and the years std::chrono::year holds: a day past the end of
// its month runs into the next (February 31 is March 2 or 3), hours,
// minutes and seconds count as they are (a second of 60 is the next minute).
std::int64_t unix_seconds_from_civil_time(const CivilTime& time);

// "2026-06-30T00:00:00Z": ISO 8601 in UTC, the year with at least 4 digits.
std::string format_utc(const CivilTime& time);

}  // namespace profilec
