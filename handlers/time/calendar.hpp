// Working-day calendar in one time zone: which local dates are working days, and conversions
// between UTC instants and local wall-clock time.
#pragma once

// The installed date-tz library is built against the OS zoneinfo; the header must agree.
#ifndef USE_OS_TZDB
#define USE_OS_TZDB 1
#endif

#include <date/date.h>
#include <date/tz.h>

#include <array>
#include <chrono>
#include <set>
#include <string>

namespace wgbot::timeexpr {

struct Calendar {
  const date::time_zone* zone = nullptr;  // required; e.g. date::locate_zone("Asia/Ho_Chi_Minh")
  // Indexed by date::weekday::c_encoding() (0 = Sunday); default Mon–Fri.
  std::array<bool, 7> workdays{false, true, true, true, true, true, false};
  std::set<date::sys_days> holidays;  // local calendar dates

  // A local date is a working day if its weekday is a workday and it is not a holiday.
  bool is_working_day(date::sys_days local_day) const;

  // The n-th working day after `day` (before it when n < 0); `day` itself is never counted, so
  // n == 0 returns `day` unchanged. If no weekday is a workday, returns `day`.
  date::sys_days add_working_days(date::sys_days day, int n) const;

  // Working days in (from, to] when to >= from, minus those in (to, from] otherwise; so
  // working_days_between(d, add_working_days(d, n)) == n.
  int working_days_between(date::sys_days from, date::sys_days to) const;

  date::local_seconds to_local(std::chrono::sys_seconds t) const;
  // Ambiguous local times (clocks turned back) take the earliest instant; local times in a gap
  // (clocks turned forward) are shifted forward by the gap's length.
  std::chrono::sys_seconds to_sys(date::local_seconds t) const;

  // The local calendar date of an instant, as a day count.
  date::sys_days local_day(std::chrono::sys_seconds t) const;
  // The instant of `day` (a local date) at local time of day `tod` (may exceed 24 h).
  std::chrono::sys_seconds at(date::sys_days day, std::chrono::seconds tod) const;

  // Mon–Fri, no holidays. Throws std::runtime_error on an unknown zone.
  static Calendar make(const std::string& zone_name);
};

}  // namespace wgbot::timeexpr
