#include "handlers/time/calendar.hpp"

#include <algorithm>
#include <stdexcept>

namespace wgbot::timeexpr {

bool Calendar::is_working_day(date::sys_days local_day) const {
  const auto wd = date::weekday{local_day}.c_encoding();
  return workdays[wd] && !holidays.contains(local_day);
}

date::sys_days Calendar::add_working_days(date::sys_days day, int n) const {
  if (std::none_of(workdays.begin(), workdays.end(), [](bool b) { return b; })) return day;
  const date::days step{n < 0 ? -1 : 1};
  for (int left = n < 0 ? -n : n; left > 0;) {
    day += step;
    if (is_working_day(day)) --left;
  }
  return day;
}

int Calendar::working_days_between(date::sys_days from, date::sys_days to) const {
  const bool backwards = to < from;
  if (backwards) std::swap(from, to);
  int count = 0;
  for (auto d = from + date::days{1}; d <= to; d += date::days{1}) {
    if (is_working_day(d)) ++count;
  }
  return backwards ? -count : count;
}

date::local_seconds Calendar::to_local(std::chrono::sys_seconds t) const {
  return zone->to_local(t);
}

std::chrono::sys_seconds Calendar::to_sys(date::local_seconds t) const {
  // The offset in force just before `t` gives the earliest instant when ambiguous and the
  // forward shift by the gap's length when `t` does not exist.
  const auto info = zone->get_info(t);
  return std::chrono::sys_seconds{t.time_since_epoch()} - info.first.offset;
}

date::sys_days Calendar::local_day(std::chrono::sys_seconds t) const {
  return date::sys_days{date::floor<date::days>(to_local(t)).time_since_epoch()};
}

std::chrono::sys_seconds Calendar::at(date::sys_days day, std::chrono::seconds tod) const {
  return to_sys(date::local_seconds{day.time_since_epoch()} + tod);
}

Calendar Calendar::make(const std::string& zone_name) {
  Calendar cal;
  try {
    cal.zone = date::locate_zone(zone_name);
  } catch (const std::exception&) {
    cal.zone = nullptr;
  }
  if (cal.zone == nullptr) throw std::runtime_error("unknown time zone: " + zone_name);
  return cal;
}

}  // namespace wgbot::timeexpr
