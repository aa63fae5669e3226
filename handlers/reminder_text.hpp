// How reminders are written back to people: a rule in words and the local time of day.
#pragma once

#include <chrono>
#include <string>

#include "handlers/messages.hpp"
#include "handlers/time/calendar.hpp"
#include "handlers/time/recurrence.hpp"

namespace wgbot {

// "16:30 các ngày làm việc", "08:00 thứ Hai hằng tuần", "every day at 08:00"; the time
// is `start`'s local time of day. An unknown rule is shown as its RRULE text.
std::string describe_rule(Lang lang, const timeexpr::Recurrence& rule,
                          std::chrono::sys_seconds start, const timeexpr::Calendar& cal);

// "08:00": the local time of day of `t`.
std::string format_time_of_day(std::chrono::sys_seconds t, const timeexpr::Calendar& cal);

}  // namespace wgbot
