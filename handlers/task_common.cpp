#include "handlers/task_common.hpp"

#include "handlers/time_text.hpp"

namespace wgbot {

TaskScope::TaskScope(HandlerContext& c)
    : ctx(c), cal(calendar_from(c.config)), people(c.db), repo(c.db) {}

TaskStateInfo TaskScope::state(const Task& task) const {
  return task_state(task, ctx.now, cal, ctx.config.schedule.no_progress_days);
}

void TaskScope::record_event(std::int64_t task_id, std::string_view kind, std::string old_value,
                             std::string new_value, std::string note) {
  repo.add_event(TaskEvent{0, task_id, ctx.member->id, ctx.now_seconds(), std::string(kind),
                           std::move(old_value), std::move(new_value), std::move(note)});
}

std::optional<TaskCommand> load_task_command(TaskScope& scope, Msg usage) {
  auto parsed = split_task_id(scope.ctx.args);
  if (!parsed) {
    scope.ctx.reply_tr(usage);
    return std::nullopt;
  }
  auto record = scope.repo.record(parsed->id);
  if (!record) {
    scope.ctx.reply_tr(Msg::task_not_found, parsed->id);
    return std::nullopt;
  }
  return TaskCommand{std::move(*record), std::move(parsed->rest)};
}

bool require_open(HandlerContext& ctx, const Task& task) {
  switch (task.status) {
    case TaskStatus::open:
      return true;
    case TaskStatus::done:
      ctx.reply_tr(Msg::task_is_done, task.id);
      return false;
    case TaskStatus::cancelled:
      ctx.reply_tr(Msg::task_is_cancelled, task.id);
      return false;
  }
  return false;
}

void reply_mention_error(HandlerContext& ctx, const ResolveResult& result) {
  switch (result.error.value_or(MentionError::unknown)) {
    case MentionError::unknown:
      ctx.reply_tr(Msg::task_mention_unknown, result.failed);
      return;
    case MentionError::unit_no_contact:
      ctx.reply_tr(Msg::task_mention_unit_no_contact, result.failed);
      return;
    case MentionError::not_linked:
      ctx.reply_tr(Msg::task_mention_not_linked, result.failed);
      return;
  }
}

}  // namespace wgbot
