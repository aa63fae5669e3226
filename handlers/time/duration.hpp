// Durations: "30 phút", "30p", "2h", "1h30", "2 tiếng", "1 ngày", "90m", "in 2 hours", "nửa tiếng".
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include "handlers/time/text.hpp"

namespace wgbot::timeexpr {

// A positive duration of at most a year, or nullopt. A bare number ("30") has no unit and is
// rejected rather than guessed. A leading "in"/"sau"/"trong" and a trailing "nữa"/"later"/"sau"
// are allowed so that "/snooze 12 in 2 hours" and "2 tiếng nữa" both read.
std::optional<std::chrono::minutes> parse_duration(std::string_view text);

namespace detail {

// What "N unit [N unit …]" adds up to.
struct Quantity {
  std::chrono::minutes total{0};  // everything converted (a day is 24 h, a week 7 days)
  bool clock_units = false;       // minutes or hours present
  bool calendar_units = false;    // days or weeks present
  bool working_days = false;      // "ngày làm việc" / "working days" present
  bool halves = false;            // "rưỡi", "nửa", "half" present
  int days = 0;                   // days + 7 × weeks, or working days
};

// Reads quantities at the cursor; nothing is consumed when it returns nullopt.
std::optional<Quantity> match_quantity(Cursor& c);
// "in", "sau", "trong (vòng)", "after", "within".
bool accept_relative_prefix(Cursor& c);
// "nữa", "sau", "later", "from now".
bool accept_relative_suffix(Cursor& c);

}  // namespace detail
}  // namespace wgbot::timeexpr
