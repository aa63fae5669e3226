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
//   FREQ=DAILY[;BYDAY=..]  FREQ=WEEKLY[;BYDAY=MO,TU,..]  FREQ=MONTHLY[;BYMONTHDAY=1..31]
// Without BYDAY/BYMONTHDAY the weekday / day of month of the rule's start is used.
struct RRule {
  enum class Freq { daily, weekly, monthly };
  Freq freq = Freq::daily;
  std::array<bool, 7> by_day{};  // indexed by c_encoding (0 = Sunday); all false = not given
  int by_month_day = 0;          // 0 = not given
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
