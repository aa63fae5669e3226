// When the daily digest goes out: at `schedule.digest_time` on working days (holidays skipped),
// never in quiet hours. Pure, like the rest of the scheduler's rules.
#pragma once

#include <chrono>
#include <optional>

#include "handlers/schedule/due_items.hpp"
#include "handlers/time/calendar.hpp"

namespace wgbot::scheduler {

// The digest's time on local day `day` (moved to the end of quiet hours if it falls in them);
// nullopt when `day` is not a working day.
std::optional<sys_seconds> digest_time_on(date::sys_days day, std::chrono::minutes digest_time,
                                          const QuietHours& quiet, const timeexpr::Calendar& cal);

struct DigestDue {
  bool due = false;   // today's digest should go out now (to whoever has not had it)
  bool late = false;  // later than its time by more than kLateGrace: marked as sent late
  sys_seconds next;   // the next digest time after today's, or today's when it is still ahead
};

// A digest missed while the bot was down goes out when it starts the same day, late; once quiet
// hours begin, that day's digest is given up.
DigestDue digest_due(sys_seconds now, std::chrono::minutes digest_time, const QuietHours& quiet,
                     const timeexpr::Calendar& cal);

}  // namespace wgbot::scheduler
