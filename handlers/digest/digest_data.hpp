// What the chairman's daily digest says, as numbers and lists, before any words: the counts by
// the government's task states, the overdue list, what falls due soon, what changed since the
// last digest and the per-unit table. Every state comes from handlers/task_state.hpp.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "handlers/time/calendar.hpp"

namespace wgbot::storage {
class Connection;
}

namespace wgbot::digest {

struct DigestCounts {
  int done_on_time = 0;
  int done_late = 0;
  int on_time = 0;
  int overdue = 0;
  int no_progress = 0;

  [[nodiscard]] int total() const {
    return done_on_time + done_late + on_time + overdue + no_progress;
  }
  // Done on time among all done, in whole percent; nullopt when nothing is done yet.
  [[nodiscard]] std::optional<int> on_time_rate() const;
};

struct DigestTask {
  std::int64_t id = 0;
  std::string title;
  std::string lead_name;  // "" when nobody leads it
  std::string unit_name;  // "" when the lead has no unit
  std::optional<std::chrono::sys_seconds> due;
  int overdue_days = 0;
  int reminders = 0;  // overdue reminders sent
  bool escalated = false;
};

// One row of the per-unit table and one group of bars in the chart.
struct UnitLine {
  std::optional<std::int64_t> unit_id;  // nullopt: tasks whose lead has no unit
  std::string name;
  int open = 0;  // not done: within the deadline, overdue or without a progress update
  int overdue = 0;
  int done_this_week = 0;  // completed since Monday 00:00 local time
};

struct DigestData {
  date::sys_days day;  // the local date the digest is for
  bool working_day = true;
  date::sys_days next_working_day;  // the next working day after `day`
  DigestCounts counts;
  std::vector<DigestTask> overdue;   // longest overdue first
  std::vector<DigestTask> due_soon;  // open, due from now to the end of the 3rd working day
  std::int64_t completed_since = 0;
  std::int64_t created_since = 0;
  std::vector<UnitLine> units;  // units with something open or done this week, by unit id
};

struct DigestOptions {
  timeexpr::Calendar cal;
  int no_progress_days = 5;
  int due_window_working_days = 3;
};

// Reads the tracked tasks once. `since`: what counts as "since the last digest".
DigestData collect_digest(storage::Connection& db, const DigestOptions& options,
                          std::chrono::sys_seconds now, std::chrono::sys_seconds since);

}  // namespace wgbot::digest
