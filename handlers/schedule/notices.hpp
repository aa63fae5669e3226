// The words of what the scheduler sends: reminders, deadline nudges, overdue reminders and
// escalations. Each states its actions twice: as buttons, and as a hint line that spells out the
// commands; the platform shows whichever it can.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/outgoing.hpp"
#include "handlers/messages.hpp"
#include "handlers/schedule/due_items.hpp"
#include "storage/reminder_repository.hpp"
#include "storage/schedule_repository.hpp"

namespace wgbot::scheduler {

Outgoing reminder_message(Lang lang, const storage::Reminder& reminder, bool late);

struct TaskFacts {
  std::int64_t id = 0;
  std::string title;
  std::chrono::sys_seconds due;
  int overdue_days = 0;       // wgbot::overdue_days(): calendar days, 0 on the deadline's day
  int overdue_reminders = 0;  // sent so far, this one included
  std::string lead_name;
};

// to_lead: the message for the lead assignee; otherwise the escalation for the leadership.
Outgoing task_message(Lang lang, const storage::Recipient& to, SlotKind kind, bool to_lead,
                      bool late, const TaskFacts& task, const timeexpr::Calendar& cal);

}  // namespace wgbot::scheduler
