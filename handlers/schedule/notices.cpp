#include "handlers/schedule/notices.hpp"

#include "handlers/actions.hpp"
#include "handlers/task_format.hpp"
#include "handlers/time_text.hpp"

namespace wgbot::scheduler {

namespace {

// The late mark goes at the end of the first line, where the eye is.
void mark_late(Lang lang, std::string& text) {
  const auto eol = text.find('\n');
  text.insert(eol == std::string::npos ? text.size() : eol, wgbot::text(lang, Msg::late_mark));
}

std::string task_text(Lang lang, SlotKind kind, bool to_lead, const TaskFacts& t,
                      const timeexpr::Calendar& cal) {
  const std::string due = format_datetime(lang, t.due, cal);
  const auto local = cal.to_local(t.due);
  const std::string late = overdue_text(
      lang, t.overdue_days,
      std::chrono::duration_cast<std::chrono::minutes>(local - date::floor<date::days>(local)));
  switch (kind) {
    case SlotKind::before:
      return tr(lang, Msg::nudge_before, t.id, t.title, due);
    case SlotKind::day_of:
      return tr(lang, Msg::nudge_day_of, t.id, t.title, due);
    case SlotKind::overdue:
      return tr(lang, Msg::nudge_overdue, t.id, t.title, late, due, t.overdue_reminders);
    case SlotKind::escalation:
      if (to_lead) {
        return tr(lang, Msg::nudge_escalated_lead, t.id, t.title, late, due, t.overdue_reminders);
      }
      return tr(lang, Msg::nudge_escalated_leaders, t.id, t.title, t.lead_name, late, due,
                t.overdue_reminders);
  }
  return {};
}

}  // namespace

Outgoing reminder_message(Lang lang, const storage::Reminder& reminder, bool late) {
  Outgoing o;
  o.platform = reminder.platform;
  o.chat_id = reminder.chat_id;
  o.text = tr(lang, Msg::reminder_notice, reminder.text);
  if (late) mark_late(lang, o.text);
  o.buttons = {{Button{std::string(text(lang, Msg::reminder_snooze_button)),
                       callback_data_for("snooze", reminder.id, 60).value_or("")}}};
  o.hint = tr(lang, Msg::reminder_snooze_hint, reminder.id);
  return o;
}

Outgoing task_message(Lang lang, const storage::Recipient& to, SlotKind kind, bool to_lead,
                      bool late, const TaskFacts& task, const timeexpr::Calendar& cal) {
  Outgoing o;
  o.platform = to.platform;
  o.chat_id = to.chat_id;
  o.text = task_text(lang, kind, to_lead, task, cal);
  if (late) mark_late(lang, o.text);
  std::vector<Button> row;
  if (to_lead) {
    row.push_back(Button{std::string(text(lang, Msg::nudge_button_done)),
                         callback_data_for("done", task.id).value_or("")});
  }
  row.push_back(Button{std::string(text(lang, Msg::nudge_button_detail)),
                       callback_data_for("detail", task.id).value_or("")});
  if (to_lead) {
    row.push_back(Button{std::string(text(lang, Msg::reminder_snooze_button)),
                         callback_data_for("snoozetask", task.id, 60).value_or("")});
  }
  o.buttons = {std::move(row)};
  o.hint = to_lead ? tr(lang, Msg::nudge_hint_lead, task.id, task.id) + " · " +
                         tr(lang, Msg::task_snooze_hint, task.id)
                   : tr(lang, Msg::nudge_hint_detail, task.id);
  return o;
}

}  // namespace wgbot::scheduler
