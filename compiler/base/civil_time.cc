#include "base/civil_time.h"

#include <fmt/format.h>

#include <chrono>

namespace profilec {

namespace chrono = std::chrono;

CivilTime civil_time_from_unix_seconds(std::int64_t seconds) {
  const chrono::sys_seconds time{chrono::seconds{seconds}};
  const chrono::sys_days day = chrono::floor<chrono::days>(time);
  const chrono::year_month_day date{day};
  const chrono::hh_mm_ss clock{time - day};
  return CivilTime{static_cast<int>(date.year()),
                   static_cast<int>(static_cast<unsigned>(date.month())),
                   static_cast<int>(static_cast<unsigned>(date.day())),
                   static_cast<int>(clock.hours().count()),
                   static_cast<int>(clock.minutes().count()),
                   static_cast<int>(clock.seconds().count())};
}

std::int64_t unix_seconds_from_civil_time(const CivilTime& time) {
  // year/month/1 plus (day - 1) days: what sys_days gives for a day past the
  // month's end (C++20 [time.cal.ymd.nonmembers]), and what timegm does.
  const chrono::sys_days first{chrono::year{time.year} / chrono::month{static_cast<unsigned>(time.month)} /
                               chrono::day{1}};
  const chrono::sys_days day = first + chrono::days{time.day - 1};
  const auto since_epoch = chrono::duration_cast<chrono::seconds>(day.time_since_epoch()).count();
  return since_epoch + std::int64_t{time.hour} * 3600 + std::int64_t{time.minute} * 60 + time.second;
}

std::string format_utc(const CivilTime& time) {
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", time.year, time.month, time.day, time.hour, time.minute,
                     time.second);
}

}  // namespace profilec
