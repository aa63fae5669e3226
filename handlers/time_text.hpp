// Dates, times and time-phrase errors in the user's language, and the calendar of the config.
#pragma once

#include <chrono>
#include <string>

#include "config/config.hpp"
#include "handlers/messages.hpp"
#include "handlers/time/calendar.hpp"
#include "handlers/time/when_parser.hpp"

namespace wgbot {

// The working-day calendar of the deployment: zone, workdays, holidays.
timeexpr::Calendar calendar_from(const Config& config);

// "17:00 thứ Sáu, 04/12/2026" / "17:00 Friday, 04/12/2026" in the calendar's zone.
std::string format_datetime(Lang lang, std::chrono::sys_seconds at, const timeexpr::Calendar& cal);

// One line that quotes the phrase and shows an example.
std::string describe_when_error(Lang lang, const timeexpr::WhenError& error,
                                timeexpr::Purpose purpose);

// Parser options from the config's default times.
timeexpr::Options when_options(const Config& config, timeexpr::Purpose purpose);

}  // namespace wgbot
