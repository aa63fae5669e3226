// The scheduler's pure core: when a task's deadline nudges and overdue reminders fall, which one
// is due at a given moment, quiet hours, and lateness. No database, no clock: everything is a
// function of its arguments, so tests can walk years of schedule in microseconds.
#pragma once

#include <chrono>
#include <optional>
#include <vector>

#include "config/config.hpp"
#include "handlers/time/calendar.hpp"
#include "handlers/time/recurrence.hpp"

namespace wgbot::scheduler {

using std::chrono::sys_seconds;

// A firing later than this after its time is marked late ("gửi muộn").
inline constexpr std::chrono::seconds kLateGrace{5 * 60};

// Local times of day [start, end), wrapping midnight when end < start; empty when equal.
struct QuietHours {
  std::chrono::minutes start{21 * 60};
  std::chrono::minutes end{7 * 60};

  [[nodiscard]] bool contains(sys_seconds t, const timeexpr::Calendar& cal) const;
  // `t` itself when outside quiet hours, else the end of the quiet period it falls in.
  [[nodiscard]] sys_seconds defer(sys_seconds t, const timeexpr::Calendar& cal) const;
};

struct NudgeRules {
  std::chrono::minutes nudge_time{8 * 60};
  std::vector<int> offsets_days{3, 1, 0};  // working days before the deadline's day
  std::chrono::minutes overdue_time{8 * 60 + 30};
  int escalate_after = 3;  // overdue reminders before the leadership is told
  QuietHours quiet;
};
NudgeRules nudge_rules_from(const ScheduleConfig& schedule);

enum class SlotKind {
  before,      // N working days before the deadline's day
  day_of,      // on the deadline's day
  overdue,     // a working day after the deadline, while fewer than escalate_after were sent
  escalation,  // the next overdue working day after that: the leadership is told, then silence
};

struct Slot {
  sys_seconds at;
  SlotKind kind = SlotKind::before;
};

// What the scheduler remembers of one open task with a deadline.
struct TaskNudgeState {
  sys_seconds due;
  sys_seconds from;                      // slots at or before this are never sent
  std::optional<sys_seconds> last_slot;  // the last slot handled
  int overdue_sent = 0;
  bool escalated = false;
};

// The first slot after max(from, last_slot); nullopt when nothing is left (escalated).
std::optional<Slot> next_slot(const TaskNudgeState& s, const NudgeRules& rules,
                              const timeexpr::Calendar& cal);
// The latest slot in (max(from, last_slot), now]: after downtime only it is sent.
std::optional<Slot> latest_slot(const TaskNudgeState& s, sys_seconds now, const NudgeRules& rules,
                                const timeexpr::Calendar& cal);

// When a slot may actually be sent: nudges and escalations wait for quiet hours to end.
sys_seconds send_time(const Slot& slot, const NudgeRules& rules, const timeexpr::Calendar& cal);

// What to do with a task whose time has come.
struct TaskStep {
  std::optional<Slot> send;         // the message to send now, if any
  bool late = false;                // sent later than its time: marked as such
  TaskNudgeState state;             // the state after this step
  std::optional<sys_seconds> next;  // when to look again; nullopt = never
};
// Pure decision for one task at `now`. A slot is consumed only outside quiet hours; a missed
// pre-deadline nudge is passed over silently once the deadline itself has gone by.
TaskStep step_task(const TaskNudgeState& s, sys_seconds now, const NudgeRules& rules,
                   const timeexpr::Calendar& cal);

// A reminder firing at `now`: whether it is late and when a rule fires next (from the rule and
// its first occurrence, never from `now`'s time of day, so it cannot drift).
struct ReminderStep {
  bool late = false;
  std::optional<sys_seconds> next;
};
ReminderStep step_reminder(sys_seconds start, sys_seconds next_at,
                           const std::optional<timeexpr::Recurrence>& rule, sys_seconds now,
                           const timeexpr::Calendar& cal);

}  // namespace wgbot::scheduler
