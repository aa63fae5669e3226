// Dates, times and time-phrase errors in the user's language, and the calendar of the config.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "config/config.hpp"
#include "handlers/messages.hpp"
#include "handlers/time/calendar.hpp"
#include "handlers/time/when_parser.hpp"

namespace wgbot {

// The working-day calendar of the deployment: zone, workdays, holidays.
timeexpr::Calendar calendar_from(const Config& config);

// "17:00 thứ Sáu, 04/12/2026" / "17:00 Friday, 04/12/2026" in the calendar's zone.
std::string format_datetime(Lang lang, std::chrono::sys_seconds at, const timeexpr::Calendar& cal);

// One line that quotes the phrase and shows an example: a whole command to copy (`example`, or
// the purpose's usual one when empty).
std::string describe_when_error(Lang lang, const timeexpr::WhenError& error,
                                timeexpr::Purpose purpose, std::string_view example = {});

// For a deadline on a weekend or holiday: "⚠ Hạn rơi vào Chủ nhật, ngày nghỉ. Ngày làm việc liền
// trước: 17:00 thứ Sáu, 04/12/2026 (/giahan 12 04/12/2026 17:00)". Empty on a working day.
std::string off_day_warning(Lang lang, std::chrono::sys_seconds due, const timeexpr::Calendar& cal,
                            std::int64_t task_id);

// Parser options from the config's default times.
timeexpr::Options when_options(const Config& config, timeexpr::Purpose purpose);

}  // namespace wgbot
