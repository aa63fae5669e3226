// Recurring reminders: the RFC 5545 RRULE subset wgbot stores, and its next occurrence.
#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "handlers/time/calendar.hpp"

namespace wgbot::timeexpr {

// rrule like "FREQ=WEEKLY;BYDAY=MO". skip_holidays sits beside the rule because RRULE cannot say
// it: occurrences on the calendar's non-working days and holidays are skipped.
struct Recurrence {
  std::string rrule;
  bool skip_holidays = false;
};

// The supported subset, parts in any order, names case-insensitive:
//   FREQ=DAILY[;BYDAY=..]  FREQ=WEEKLY[;BYDAY=MO,TU,..]
//   FREQ=MONTHLY[;INTERVAL=n][;BYMONTHDAY=1..31|-1]  FREQ=YEARLY[;BYMONTH=1..12][;BYMONTHDAY=..]
// Without BYDAY/BYMONTH/BYMONTHDAY the weekday / month / day of month of the rule's start is
// used; BYMONTHDAY=-1 is the last day of the month; INTERVAL (monthly only) counts months from
// the start's month ("FREQ=MONTHLY;INTERVAL=3" is quarterly).
struct RRule {
  enum class Freq { daily, weekly, monthly, yearly };
  Freq freq = Freq::daily;
  std::array<bool, 7> by_day{};  // indexed by c_encoding (0 = Sunday); all false = not given
  int by_month_day = 0;          // 0 = not given, -1 = the last day
  int by_month = 0;              // yearly; 0 = not given
  int interval = 1;              // monthly
};
std::optional<RRule> parse_rrule(std::string_view text);
bool is_valid_rrule(std::string_view rrule);
// Canonical text: weekdays in MO..SU order.
std::string format_rrule(const RRule& rule);

// First occurrence strictly after `after` of a rule whose first instance is `start`. Every
// occurrence is at start's LOCAL time of day (no drift across DST changes); its dates are those
// on or after start's local date that match the rule (start counts only if its date matches).
// Months without BYMONTHDAY's day are skipped. nullopt for an invalid rule or if nothing matches
// within eight years (e.g. every day a holiday).
std::optional<std::chrono::sys_seconds> next_occurrence(const Recurrence& rec,
                                                        std::chrono::sys_seconds start,
                                                        std::chrono::sys_seconds after,
                                                        const Calendar& cal);

}  // namespace wgbot::timeexpr
