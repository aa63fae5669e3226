#include "handlers/task_state.hpp"

#include <algorithm>

namespace wgbot {

namespace {

std::chrono::sys_seconds at(std::int64_t unix_seconds) {
  return std::chrono::sys_seconds{std::chrono::seconds{unix_seconds}};
}

}  // namespace

int overdue_days(std::chrono::sys_seconds due, std::chrono::sys_seconds now,
                 const timeexpr::Calendar& cal) {
  const auto days = (cal.local_day(now) - cal.local_day(due)).count();
  return static_cast<int>(std::max<decltype(days)>(days, 0));
}

TaskStateInfo task_state(const Task& task, std::chrono::sys_seconds now,
                         const timeexpr::Calendar& cal, int no_progress_days) {
  switch (task.status) {
    case TaskStatus::cancelled:
      return {TaskState::cancelled, 0};
    case TaskStatus::done: {
      const bool late = task.due_at && task.done_at && *task.done_at > *task.due_at;
      return {late ? TaskState::done_late : TaskState::done_on_time, 0, !task.due_at.has_value()};
    }
    case TaskStatus::open:
      break;
  }
  if (task.due_at && at(*task.due_at) < now) {
    const auto due = at(*task.due_at);
    const auto local = cal.to_local(due);
    const auto since =
        std::chrono::duration_cast<std::chrono::minutes>(local - date::floor<date::days>(local));
    return {TaskState::overdue, overdue_days(due, now, cal), false, since};
  }
  if (no_progress_days > 0) {
    const std::int64_t last = std::max(task.created_at, task.last_progress_at.value_or(0));
    if (cal.working_days_between(cal.local_day(at(last)), cal.local_day(now)) >= no_progress_days) {
      return {TaskState::no_progress, 0};
    }
  }
  return {TaskState::on_time, 0};
}

}  // namespace wgbot
