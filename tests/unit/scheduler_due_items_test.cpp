#include <gtest/gtest.h>

#include "handlers/schedule/due_items.hpp"

namespace wgbot::scheduler {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

class DueItems : public ::testing::Test {
 protected:
  timeexpr::Calendar cal = timeexpr::Calendar::make("Asia/Ho_Chi_Minh");
  NudgeRules rules;

  sys_seconds local(int y, unsigned m, unsigned d, int h, int min = 0) const {
    return cal.at(date::sys_days(date::year(y) / m / d), hours{h} + minutes{min});
  }
  TaskNudgeState task(sys_seconds due, sys_seconds from) const {
    TaskNudgeState s;
    s.due = due;
    s.from = from;
    return s;
  }
};

TEST_F(DueItems, QuietHoursWrapMidnight) {
  const QuietHours q{minutes{21 * 60}, minutes{7 * 60}};
  EXPECT_FALSE(q.contains(local(2026, 12, 1, 20, 59), cal));
  EXPECT_TRUE(q.contains(local(2026, 12, 1, 21), cal));
  EXPECT_TRUE(q.contains(local(2026, 12, 2, 6, 59), cal));
  EXPECT_FALSE(q.contains(local(2026, 12, 2, 7), cal));
  EXPECT_EQ(q.defer(local(2026, 12, 1, 23), cal), local(2026, 12, 2, 7));
  EXPECT_EQ(q.defer(local(2026, 12, 2, 3), cal), local(2026, 12, 2, 7));
  EXPECT_EQ(q.defer(local(2026, 12, 2, 9), cal), local(2026, 12, 2, 9));
}

TEST_F(DueItems, QuietHoursWithinADayAndEmpty) {
  const QuietHours lunch{minutes{12 * 60}, minutes{13 * 60}};
  EXPECT_EQ(lunch.defer(local(2026, 12, 1, 12, 30), cal), local(2026, 12, 1, 13));
  EXPECT_FALSE(lunch.contains(local(2026, 12, 1, 23), cal));
  const QuietHours none{minutes{0}, minutes{0}};
  EXPECT_FALSE(none.contains(local(2026, 12, 1, 3), cal));
}

TEST_F(DueItems, SlotsFollowEachOtherUntilEscalation) {
  auto s = task(local(2026, 12, 4, 17), local(2026, 11, 26, 10));
  std::vector<std::pair<sys_seconds, SlotKind>> seen;
  for (auto slot = next_slot(s, rules, cal); slot; slot = next_slot(s, rules, cal)) {
    seen.emplace_back(slot->at, slot->kind);
    s.last_slot = slot->at;
    if (slot->kind == SlotKind::overdue) ++s.overdue_sent;
    if (slot->kind == SlotKind::escalation) s.escalated = true;
    ASSERT_LT(seen.size(), 20U);
  }
  const std::vector<std::pair<sys_seconds, SlotKind>> expected = {
      {local(2026, 12, 1, 8), SlotKind::before},
      {local(2026, 12, 3, 8), SlotKind::before},
      {local(2026, 12, 4, 8), SlotKind::day_of},
      {local(2026, 12, 7, 8, 30), SlotKind::overdue},
      {local(2026, 12, 8, 8, 30), SlotKind::overdue},
      {local(2026, 12, 9, 8, 30), SlotKind::overdue},
      {local(2026, 12, 10, 8, 30), SlotKind::escalation}};
  EXPECT_EQ(seen, expected);
}

TEST_F(DueItems, LatestSlotCollapsesMissedOnes) {
  const auto s = task(local(2026, 12, 4, 17), local(2026, 11, 26, 10));
  EXPECT_FALSE(latest_slot(s, local(2026, 12, 1, 7), rules, cal));
  EXPECT_EQ(latest_slot(s, local(2026, 12, 3, 9), rules, cal)->at, local(2026, 12, 3, 8));
  const auto overdue = latest_slot(s, local(2026, 12, 12, 9), rules, cal);  // a Saturday
  EXPECT_EQ(overdue->at, local(2026, 12, 11, 8, 30));
  EXPECT_EQ(overdue->kind, SlotKind::overdue);
}

TEST_F(DueItems, MissedPreDeadlineNudgeIsPassedOverOnceTheDeadlineIsGone) {
  const auto s = task(local(2026, 12, 4, 17), local(2026, 11, 26, 10));
  const auto step = step_task(s, local(2026, 12, 4, 18), rules, cal);
  EXPECT_FALSE(step.send);
  EXPECT_EQ(step.state.last_slot, local(2026, 12, 4, 8));
  EXPECT_EQ(step.next, local(2026, 12, 7, 8, 30));
}

TEST_F(DueItems, StepDuringQuietHoursWaitsAndConsumesNothing) {
  const auto s = task(local(2026, 12, 4, 17), local(2026, 11, 26, 10));
  const auto step = step_task(s, local(2026, 12, 1, 22), rules, cal);
  EXPECT_FALSE(step.send);
  EXPECT_FALSE(step.state.last_slot);
  EXPECT_EQ(step.next, local(2026, 12, 2, 7));
}

TEST_F(DueItems, StepMarksLateOnlyBeyondTheGrace) {
  const auto s = task(local(2026, 12, 4, 17), local(2026, 11, 26, 10));
  EXPECT_FALSE(step_task(s, local(2026, 12, 1, 8, 4), rules, cal).late);
  EXPECT_TRUE(step_task(s, local(2026, 12, 1, 8, 6), rules, cal).late);
}

TEST_F(DueItems, ReminderRuleIsComputedFromItsStartNeverFromNow) {
  const timeexpr::Recurrence daily{"FREQ=DAILY", false};
  const auto start = local(2026, 11, 27, 8);
  const auto step = step_reminder(start, start, daily, local(2026, 11, 27, 9, 13), cal);
  EXPECT_TRUE(step.late);
  EXPECT_EQ(step.next, local(2026, 11, 28, 8));
  const auto once = step_reminder(start, start, std::nullopt, start, cal);
  EXPECT_FALSE(once.late);
  EXPECT_FALSE(once.next);
}

}  // namespace
}  // namespace wgbot::scheduler
