#include "handlers/task_notices.hpp"

#include <set>

#include "handlers/notify.hpp"

namespace wgbot {

namespace {

// The title line, the note if any, and how to see more.
std::string short_body(const TaskLook& look, const TaskRecord& task, const std::string& note) {
  std::string body = tr(look.lang, Msg::task_line_title, task.task.title);
  if (!note.empty()) body += '\n' + tr(look.lang, Msg::task_line_note, note);
  body += '\n' + detail_hint(look.lang, task.task.id);
  return body;
}

}  // namespace

template <typename Build>
void TaskNotices::send(std::int64_t member_id, Build build) {
  if (member_id == actor_id) return;
  const Member* m = people.member(member_id);
  if (m == nullptr || !m->active) return;
  const TaskLook look{member_lang(config, *m), cal, people};
  Body body = build(look);
  if (auto o = direct_message(db, member_id, std::move(body.text), std::move(body.buttons))) {
    out.push_back(std::move(*o));
  }
}

void TaskNotices::assigned(const TaskRecord& task, std::optional<std::int64_t> only) {
  const std::int64_t id = task.task.id;
  for (const auto& a : task.assignees) {
    if (only && a.member_id != *only) continue;
    send(a.member_id, [&](const TaskLook& look) {
      const Msg header = a.lead ? Msg::notify_assigned_lead : Msg::notify_assigned_support;
      std::string text = tr(look.lang, header, people.name(actor_id), id);
      text += '\n' + task_card(look, task);
      text += '\n' + (a.lead ? lead_hint(look.lang, id) : detail_hint(look.lang, id));
      return Body{std::move(text),
                  a.lead ? lead_buttons(look.lang, id) : detail_buttons(look.lang, id)};
    });
  }
}

void TaskNotices::reassigned_away(const TaskRecord& task, std::int64_t old_lead) {
  const auto lead = task.lead_id();
  send(old_lead, [&](const TaskLook& look) {
    std::string text = tr(look.lang, Msg::notify_reassigned_away, task.task.id,
                          lead ? people.person(look.lang, *lead) : std::string("—"));
    text += '\n' + short_body(look, task, "");
    return Body{std::move(text), detail_buttons(look.lang, task.task.id)};
  });
}

void TaskNotices::redated(const TaskRecord& task, const std::optional<std::int64_t>& old_due) {
  for (const auto& a : task.assignees) {
    send(a.member_id, [&](const TaskLook& look) {
      std::string text = tr(look.lang, Msg::notify_redated, task.task.id,
                            deadline_text(look, old_due), deadline_text(look, task.task.due_at));
      text += '\n' + short_body(look, task, "");
      return Body{std::move(text), detail_buttons(look.lang, task.task.id)};
    });
  }
}

void TaskNotices::to_assignees(const TaskRecord& task, Msg header, bool with_actor) {
  for (const auto& a : task.assignees) {
    send(a.member_id, [&](const TaskLook& look) {
      std::string text = with_actor ? tr(look.lang, header, task.task.id, people.name(actor_id))
                                    : tr(look.lang, header, task.task.id);
      text += '\n' + short_body(look, task, "");
      return Body{std::move(text), detail_buttons(look.lang, task.task.id)};
    });
  }
}

void TaskNotices::cancelled(const TaskRecord& task) {
  to_assignees(task, Msg::notify_cancelled, true);
}

void TaskNotices::reopened(const TaskRecord& task) {
  to_assignees(task, Msg::notify_reopened, true);
}

void TaskNotices::done(const TaskRecord& task, const TaskStateInfo& state,
                       const std::string& note) {
  std::set<std::int64_t> told;
  const auto tell = [&](std::int64_t member_id) {
    if (!told.insert(member_id).second) return;
    send(member_id, [&](const TaskLook& look) {
      std::string text =
          state.no_deadline
              ? tr(look.lang, Msg::notify_done_no_deadline, task.task.id, people.name(actor_id))
              : tr(look.lang, Msg::notify_done, task.task.id,
                   wgbot::text(look.lang, state.state == TaskState::done_late
                                              ? Msg::done_short_late
                                              : Msg::done_short_on_time),
                   people.name(actor_id));
      text += '\n' + short_body(look, task, note);
      return Body{std::move(text), detail_buttons(look.lang, task.task.id)};
    });
  };
  tell(task.task.assigner_id);
  for (const auto& a : task.assignees) tell(a.member_id);
}

}  // namespace wgbot
