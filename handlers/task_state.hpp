// A task's state in the government's own tracking terms: done on time, done late, in progress on
// time, overdue (by N days), no progress update. Pure: the list, the detail view and the daily
// digest all read states from here.
#pragma once

#include <chrono>

#include "handlers/time/calendar.hpp"
#include "storage/task_repository.hpp"

namespace wgbot {

enum class TaskState {
  done_on_time,  // Hoàn thành đúng hạn (also done without a deadline: "Đã hoàn thành")
  done_late,     // Hoàn thành quá hạn
  on_time,       // Đang thực hiện trong hạn (also: open, no deadline)
  overdue,       // Đang thực hiện quá hạn (quá hạn N ngày)
  no_progress,   // Chưa cập nhật tiến độ
  cancelled,     // not one of the five: cancelled tasks are outside the tracking
};

struct TaskStateInfo {
  TaskState state = TaskState::on_time;
  int overdue_days = 0;      // overdue_days() below when overdue: 0 on the deadline's own day
  bool no_deadline = false;  // done without a deadline: counted on time, but not called so
  std::chrono::minutes overdue_since{0};  // when overdue: the deadline's local time of day

  bool operator==(const TaskStateInfo&) const = default;
};

// How many days a task is overdue — the one definition every message uses (cards, lists,
// notices, the digest): CALENDAR days from the deadline's local date to now's local date. It is 0
// on the deadline's own day (the task is then "overdue since 17:00 today", never "0 days").
int overdue_days(std::chrono::sys_seconds due, std::chrono::sys_seconds now,
                 const timeexpr::Calendar& cal);

// States are exclusive and measured against the current deadline; overdue wins. "No progress
// update" is an open task within its deadline with nothing recorded (creation, a progress report)
// for `no_progress_days` working days; 0 or less turns it off.
TaskStateInfo task_state(const Task& task, std::chrono::sys_seconds now,
                         const timeexpr::Calendar& cal, int no_progress_days);

}  // namespace wgbot
