// What every task command shares: loading the task an id names, the refusals that come before
// any change, and the calendar and state of the moment.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "handlers/handler_context.hpp"
#include "handlers/task_assignees.hpp"
#include "handlers/task_format.hpp"
#include "handlers/task_notices.hpp"
#include "handlers/task_state.hpp"
#include "handlers/time/calendar.hpp"
#include "storage/task_repository.hpp"

namespace wgbot {

// The per-command toolkit: the calendar of the config, cached names, the repository.
struct TaskScope {
  explicit TaskScope(HandlerContext& ctx);

  HandlerContext& ctx;
  timeexpr::Calendar cal;
  TaskPeople people;
  storage::TaskRepository repo;

  TaskLook look() { return TaskLook{ctx.lang, cal, people}; }
  TaskStateInfo state(const Task& task) const;
  TaskNotices notices() {
    return TaskNotices{ctx.db, ctx.config, cal, people, ctx.member->id, ctx.out};
  }
  // Appends a history row for the acting member, now.
  void record_event(std::int64_t task_id, std::string_view kind, std::string old_value = {},
                    std::string new_value = {}, std::string note = {});
};

// `<id> [rest]`: the task it names (replying usage or "no task #N" when there is none).
struct TaskCommand {
  TaskRecord task;
  std::string rest;
};
std::optional<TaskCommand> load_task_command(TaskScope& scope, Msg usage);

// Replies why the task is not open and returns false; true when it is open.
bool require_open(HandlerContext& ctx, const Task& task);

// One line naming the mention that failed.
void reply_mention_error(HandlerContext& ctx, const ResolveResult& result);

}  // namespace wgbot
