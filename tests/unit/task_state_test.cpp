// Task states: exclusive, overdue wins, against the current deadline.
#include <gtest/gtest.h>

#include "handlers/task_state.hpp"

namespace wgbot {
namespace {

constexpr std::int64_t kDay = 86400;
// Thursday 2026-11-26 10:00 +07:00.
constexpr std::int64_t kThu = 1795662000;

std::chrono::sys_seconds at(std::int64_t t) {
  return std::chrono::sys_seconds{std::chrono::seconds{t}};
}

Task open_task(std::optional<std::int64_t> due) {
  Task t;
  t.id = 1;
  t.created_at = kThu;
  t.due_at = due;
  return t;
}

class TaskStateTest : public ::testing::Test {
 protected:
  timeexpr::Calendar cal = timeexpr::Calendar::make("Asia/Ho_Chi_Minh");
  TaskStateInfo state(const Task& t, std::int64_t now) { return task_state(t, at(now), cal, 5); }
};

TEST_F(TaskStateTest, OpenWithinDeadline) {
  EXPECT_EQ(state(open_task(kThu + kDay), kThu).state, TaskState::on_time);
  EXPECT_EQ(state(open_task(std::nullopt), kThu).state, TaskState::on_time);
}

TEST_F(TaskStateTest, OverdueCountsCalendarDays) {
  const std::int64_t due = kThu + 7 * 3600;                         // Thu 17:00
  EXPECT_EQ(state(open_task(due), due).state, TaskState::on_time);  // at the deadline: not yet
  // On the deadline's own evening: overdue since 17:00 today, 0 days.
  EXPECT_EQ(state(open_task(due), due + 3600),
            (TaskStateInfo{TaskState::overdue, 0, false, std::chrono::hours{17}}));
  EXPECT_EQ(state(open_task(due), kThu + kDay).overdue_days, 1);      // Fri 10:00
  EXPECT_EQ(state(open_task(due), kThu + 4 * kDay).overdue_days, 4);  // Mon 10:00
}

// The one definition every message uses: calendar days between local dates, never negative.
TEST_F(TaskStateTest, OverdueDaysIsOneDefinition) {
  const auto due = at(kThu - 4 * 3600 - 26 * 60);              // Thu 05:34
  EXPECT_EQ(overdue_days(due, at(kThu - 90 * 60), cal), 0);    // Thu 08:30, the overdue nudge
  EXPECT_EQ(overdue_days(due, at(kThu + 14 * 3600), cal), 1);  // Fri 00:00
  EXPECT_EQ(overdue_days(due, at(kThu + 8 * kDay), cal), 8);
  EXPECT_EQ(overdue_days(due, at(kThu - kDay), cal), 0);  // before the deadline
  EXPECT_EQ(state(open_task(kThu - 4 * 3600 - 26 * 60), kThu).overdue_days,
            overdue_days(due, at(kThu), cal));
}

TEST_F(TaskStateTest, NoProgressAfterFiveWorkingDays) {
  Task t = open_task(kThu + 30 * kDay);
  EXPECT_EQ(state(t, kThu + 6 * kDay).state, TaskState::on_time);      // Wed: Fri..Wed = 4
  EXPECT_EQ(state(t, kThu + 7 * kDay).state, TaskState::no_progress);  // Thu: 5
  t.last_progress_at = kThu + 6 * kDay;
  EXPECT_EQ(state(t, kThu + 7 * kDay).state, TaskState::on_time);
  // Holidays do not count as working days.
  cal.holidays.insert(date::sys_days{date::year{2026} / 12 / 2});
  t.last_progress_at.reset();
  EXPECT_EQ(state(t, kThu + 7 * kDay).state, TaskState::on_time);
  // Overdue wins over no progress.
  Task late = open_task(kThu + kDay);
  EXPECT_EQ(state(late, kThu + 10 * kDay).state, TaskState::overdue);
  // Zero turns the check off.
  EXPECT_EQ(task_state(t, at(kThu + 20 * kDay), cal, 0).state, TaskState::on_time);
}

TEST_F(TaskStateTest, DoneOnTimeOrLate) {
  Task t = open_task(kThu + kDay);
  t.status = TaskStatus::done;
  t.done_at = kThu + kDay;
  EXPECT_EQ(state(t, kThu + 9 * kDay).state, TaskState::done_on_time);
  t.done_at = kThu + kDay + 1;
  EXPECT_EQ(state(t, kThu + 9 * kDay).state, TaskState::done_late);
  t.due_at.reset();
  EXPECT_EQ(state(t, kThu + 9 * kDay).state, TaskState::done_on_time);
  t.status = TaskStatus::cancelled;
  EXPECT_EQ(state(t, kThu).state, TaskState::cancelled);
}

}  // namespace
}  // namespace wgbot
