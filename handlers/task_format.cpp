#include "handlers/task_format.hpp"

#include "handlers/actions.hpp"

#include <date/date.h>

#include "handlers/time_text.hpp"
#include "storage/member_repository.hpp"
#include "storage/unit_repository.hpp"

namespace wgbot {

namespace {

std::chrono::sys_seconds at(std::int64_t unix_seconds) {
  return std::chrono::sys_seconds{std::chrono::seconds{unix_seconds}};
}

// "10:05 26/11/2026": when something happened.
std::string moment(const timeexpr::Calendar& cal, std::int64_t unix_seconds) {
  const auto local = date::floor<std::chrono::minutes>(cal.to_local(at(unix_seconds)));
  return date::format("%H:%M %d/%m/%Y", local);
}

std::optional<std::int64_t> to_int(const std::string& text) {
  if (text.empty()) return std::nullopt;
  try {
    std::size_t used = 0;
    const long long v = std::stoll(text, &used);
    if (used != text.size()) return std::nullopt;
    return v;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// "đ/c Lê Tự Lực (Văn phòng UBND Thành phố)".
std::string assignee_label(const TaskLook& look, const TaskAssignee& a) {
  std::string out = look.people.person(look.lang, a.member_id);
  if (a.unit_id) {
    if (const Unit* u = look.people.unit(*a.unit_id)) out += " (" + u->name + ")";
  }
  return out;
}

std::string event_what(const TaskLook& look, const TaskEvent& e) {
  namespace kind = task_event_kind;
  const Lang lang = look.lang;
  const auto deadline = [&](const std::string& v) { return deadline_text(look, to_int(v)); };
  const auto who = [&](const std::string& v) {
    const auto id = to_int(v);
    return id ? look.people.person(lang, *id) : std::string("—");
  };
  if (e.kind == kind::kCreated) {
    return e.new_value.empty() ? std::string(text(lang, Msg::task_event_created))
                               : tr(lang, Msg::task_event_created_due, deadline(e.new_value));
  }
  if (e.kind == kind::kAcked) return std::string(text(lang, Msg::task_event_ack));
  if (e.kind == kind::kProgress)
    return tr(lang, Msg::task_event_progress, e.old_value, e.new_value);
  if (e.kind == kind::kDone) return std::string(text(lang, Msg::task_event_done));
  if (e.kind == kind::kDue) {
    return tr(lang, Msg::task_event_due, deadline(e.old_value), deadline(e.new_value));
  }
  if (e.kind == kind::kAssigned) {
    return tr(lang, Msg::task_event_assign, who(e.old_value), who(e.new_value));
  }
  if (e.kind == kind::kCancelled) return std::string(text(lang, Msg::task_event_cancel));
  if (e.kind == kind::kReopened) return std::string(text(lang, Msg::task_event_reopen));
  // Kinds written by other parts of the bot (the scheduler's nudges, escalations) show as they
  // were stored.
  std::string out = e.kind;
  if (!e.old_value.empty() || !e.new_value.empty()) out += " " + e.old_value + " → " + e.new_value;
  return out;
}

}  // namespace

const Member* TaskPeople::member(std::int64_t id) {
  auto it = members_.find(id);
  if (it == members_.end())
    it = members_.emplace(id, storage::MemberRepository(db_).by_id(id)).first;
  return it->second ? &*it->second : nullptr;
}

const Unit* TaskPeople::unit(std::int64_t id) {
  auto it = units_.find(id);
  if (it == units_.end()) it = units_.emplace(id, storage::UnitRepository(db_).by_id(id)).first;
  return it->second ? &*it->second : nullptr;
}

std::string TaskPeople::person(Lang lang, std::int64_t member_id) {
  const Member* m = member(member_id);
  return m ? tr(lang, Msg::task_person, m->name) : std::string("—");
}

std::string TaskPeople::name(std::int64_t member_id) {
  const Member* m = member(member_id);
  return m ? m->name : std::string("—");
}

std::string overdue_text(Lang lang, int days, std::chrono::minutes since) {
  if (days == 1) return std::string(text(lang, Msg::overdue_one_day));
  if (days > 1) return tr(lang, Msg::overdue_days, days);
  return tr(lang, Msg::overdue_since_today,
            fmt::format("{:02}:{:02}", since.count() / 60, since.count() % 60));
}

std::string state_label(Lang lang, const TaskStateInfo& state) {
  switch (state.state) {
    case TaskState::done_on_time:
      return std::string(
          text(lang, state.no_deadline ? Msg::task_state_done : Msg::task_state_done_on_time));
    case TaskState::done_late:
      return std::string(text(lang, Msg::task_state_done_late));
    case TaskState::on_time:
      return std::string(text(lang, Msg::task_state_on_time));
    case TaskState::overdue:
      return tr(lang, Msg::task_state_overdue,
                overdue_text(lang, state.overdue_days, state.overdue_since));
    case TaskState::no_progress:
      return std::string(text(lang, Msg::task_state_no_progress));
    case TaskState::cancelled:
      return std::string(text(lang, Msg::task_state_cancelled));
  }
  return {};
}

std::string deadline_text(const TaskLook& look, const std::optional<std::int64_t>& due_at) {
  if (!due_at) return std::string(text(look.lang, Msg::task_no_deadline));
  return format_datetime(look.lang, at(*due_at), look.cal);
}

std::string task_card(const TaskLook& look, const TaskRecord& task) {
  const Lang lang = look.lang;
  std::string out = tr(lang, Msg::task_line_title, task.task.title);
  std::string support;
  for (const auto& a : task.assignees) {
    if (a.lead) {
      out += '\n' + tr(lang, Msg::task_line_lead, assignee_label(look, a));
    } else {
      if (!support.empty()) support += ", ";
      support += assignee_label(look, a);
    }
  }
  if (!support.empty()) out += '\n' + tr(lang, Msg::task_line_support, support);
  out +=
      '\n' + (task.task.due_at ? tr(lang, Msg::task_line_due, deadline_text(look, task.task.due_at))
                               : tr(lang, Msg::task_line_no_due, task.task.id));
  if (!task.task.src.empty()) out += '\n' + tr(lang, Msg::task_line_src, task.task.src);
  return out;
}

std::string task_list_entry(const TaskLook& look, const TaskRecord& task,
                            const TaskStateInfo& state) {
  const Lang lang = look.lang;
  const auto lead = task.lead_id();
  const std::string due =
      task.task.due_at ? tr(lang, Msg::tasks_entry_due, deadline_text(look, task.task.due_at))
                       : std::string(text(lang, Msg::task_no_deadline));
  return tr(lang, Msg::tasks_entry_title, task.task.id, task.task.title) + '\n' +
         tr(lang, Msg::tasks_entry_detail, lead ? look.people.person(lang, *lead) : "—", due,
            state_label(lang, state));
}

std::string task_detail(const TaskLook& look, const TaskRecord& task, const TaskStateInfo& state,
                        const std::vector<TaskEvent>& events) {
  const Lang lang = look.lang;
  std::string out = tr(lang, Msg::task_detail_header, task.task.id);
  out += '\n' + task_card(look, task);
  out += '\n' + tr(lang, Msg::task_line_assigner, look.people.person(lang, task.task.assigner_id));
  out += '\n' + tr(lang, Msg::task_line_state, state_label(lang, state));
  out += '\n' + tr(lang, Msg::task_line_progress, task.task.progress);
  if (events.empty()) return out;
  out += '\n' + std::string(text(lang, Msg::task_history_header));
  for (const auto& e : events) {
    const std::string actor = e.actor_id ? look.people.person(lang, *e.actor_id)
                                         : std::string(text(lang, Msg::task_event_system));
    std::string what = event_what(look, e);
    if (!e.note.empty()) what += tr(lang, Msg::task_event_note, e.note);
    out += '\n' + tr(lang, Msg::task_event_line, moment(look.cal, e.at), actor, what);
  }
  return out;
}

std::string lead_hint(Lang lang, std::int64_t task_id) {
  return tr(lang, Msg::task_hint_lead, task_id);
}

std::string detail_hint(Lang lang, std::int64_t task_id) {
  return tr(lang, Msg::task_hint_detail, task_id);
}

ButtonRows lead_buttons(Lang lang, std::int64_t task_id) {
  return {{Button{std::string(text(lang, Msg::task_button_ack)),
                  callback_data_for("ack", task_id).value_or("")},
           Button{std::string(text(lang, Msg::task_button_done)),
                  callback_data_for("done", task_id).value_or("")},
           Button{std::string(text(lang, Msg::task_button_detail)),
                  callback_data_for("detail", task_id).value_or("")}}};
}

ButtonRows detail_buttons(Lang lang, std::int64_t task_id) {
  return {{Button{std::string(text(lang, Msg::task_button_detail)),
                  callback_data_for("detail", task_id).value_or("")}}};
}

}  // namespace wgbot
