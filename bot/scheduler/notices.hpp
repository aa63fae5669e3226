// The words of what the scheduler sends: reminders, deadline nudges, overdue reminders and
// escalations, with buttons where the platform has them and the commands spelled out where not.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "bot/dispatch/outgoing.hpp"
#include "bot/scheduler/due_items.hpp"
#include "handlers/messages.hpp"
#include "storage/reminder_repository.hpp"
#include "storage/schedule_repository.hpp"

namespace wgbot::scheduler {

// Telegram shows inline buttons; Zalo and the console get the commands as a hint line.
bool has_buttons(std::string_view platform);

Outgoing reminder_message(Lang lang, const storage::Reminder& reminder, bool late);

struct TaskFacts {
  std::int64_t id = 0;
  std::string title;
  std::chrono::sys_seconds due;
  int days_overdue = 0;       // calendar days
  int overdue_reminders = 0;  // sent so far, this one included
  std::string lead_name;
};

// to_lead: the message for the lead assignee; otherwise the escalation for the leadership.
Outgoing task_message(Lang lang, const storage::Recipient& to, SlotKind kind, bool to_lead,
                      bool late, const TaskFacts& task, const timeexpr::Calendar& cal);

}  // namespace wgbot::scheduler
