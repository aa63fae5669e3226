// Working-day arithmetic and local/UTC conversion of the Calendar.
#include <gtest/gtest.h>

#include <stdexcept>

#include "handlers/time/calendar.hpp"

namespace {

using wgbot::timeexpr::Calendar;
using namespace std::chrono_literals;

date::sys_days day(int y, unsigned m, unsigned d) {
  return date::sys_days{date::year{y} / date::month{m} / date::day{d}};
}

TEST(WorkingCalendar, WorkingDays) {
  auto cal = Calendar::make("Asia/Ho_Chi_Minh");
  EXPECT_TRUE(cal.is_working_day(day(2026, 11, 26)));   // Thursday
  EXPECT_FALSE(cal.is_working_day(day(2026, 11, 28)));  // Saturday
  EXPECT_FALSE(cal.is_working_day(day(2026, 11, 29)));  // Sunday
  cal.holidays.insert(day(2026, 9, 2));
  EXPECT_FALSE(cal.is_working_day(day(2026, 9, 2)));  // National Day, a Wednesday
}

TEST(WorkingCalendar, AddWorkingDaysOverWeekends) {
  const auto cal = Calendar::make("Asia/Ho_Chi_Minh");
  EXPECT_EQ(cal.add_working_days(day(2026, 11, 27), 1), day(2026, 11, 30));   // Fri → Mon
  EXPECT_EQ(cal.add_working_days(day(2026, 11, 26), 3), day(2026, 12, 1));    // Thu → Tue
  EXPECT_EQ(cal.add_working_days(day(2026, 11, 28), 1), day(2026, 11, 30));   // Sat → Mon
  EXPECT_EQ(cal.add_working_days(day(2026, 11, 30), -1), day(2026, 11, 27));  // Mon → Fri
  EXPECT_EQ(cal.add_working_days(day(2026, 12, 2), -3), day(2026, 11, 27));
  EXPECT_EQ(cal.add_working_days(day(2026, 11, 28), 0), day(2026, 11, 28));
  EXPECT_EQ(cal.add_working_days(day(2026, 12, 25), 5), day(2027, 1, 1));  // over the new year
}

TEST(WorkingCalendar, AddWorkingDaysOverHolidays) {
  auto cal = Calendar::make("Asia/Ho_Chi_Minh");
  // Tết 2027: Friday 5/2 to Thursday 11/2 off.
  for (auto d = day(2027, 2, 5); d <= day(2027, 2, 11); d += date::days{1}) cal.holidays.insert(d);
  EXPECT_EQ(cal.add_working_days(day(2027, 2, 4), 1), day(2027, 2, 12));
  EXPECT_EQ(cal.add_working_days(day(2027, 2, 3), 3), day(2027, 2, 15));
  EXPECT_EQ(cal.add_working_days(day(2027, 2, 12), -1), day(2027, 2, 4));
  EXPECT_EQ(cal.working_days_between(day(2027, 2, 3), day(2027, 2, 15)), 3);
  EXPECT_EQ(cal.working_days_between(day(2027, 2, 15), day(2027, 2, 3)), -3);
}

TEST(WorkingCalendar, BetweenMatchesAdd) {
  auto cal = Calendar::make("Asia/Ho_Chi_Minh");
  cal.holidays.insert(day(2026, 12, 1));
  const auto from = day(2026, 11, 20);
  for (int n = -15; n <= 15; ++n) {
    EXPECT_EQ(cal.working_days_between(from, cal.add_working_days(from, n)), n) << n;
  }
  EXPECT_EQ(cal.working_days_between(from, from), 0);
  EXPECT_EQ(cal.working_days_between(day(2026, 11, 27), day(2026, 11, 29)), 0);
}

TEST(WorkingCalendar, CustomWorkdays) {
  auto cal = Calendar::make("Asia/Ho_Chi_Minh");
  cal.workdays = {false, true, true, true, true, true, true};  // Mon–Sat
  EXPECT_EQ(cal.add_working_days(day(2026, 11, 27), 1), day(2026, 11, 28));
  cal.workdays = {};
  EXPECT_EQ(cal.add_working_days(day(2026, 11, 27), 3), day(2026, 11, 27));
}

TEST(WorkingCalendar, HanoiConversions) {
  const auto cal = Calendar::make("Asia/Ho_Chi_Minh");
  const date::local_seconds local{date::local_days{date::year{2026} / 11 / 26} + 10h};
  const auto utc = cal.to_sys(local);
  EXPECT_EQ(date::format("%F %T", utc), "2026-11-26 03:00:00");
  EXPECT_EQ(cal.to_local(utc), local);
  EXPECT_EQ(cal.local_day(utc + 14h), day(2026, 11, 27));  // 00:00 local the next day
  EXPECT_EQ(cal.at(day(2026, 11, 26), 24h), cal.to_sys(local + 14h));
}

TEST(WorkingCalendar, DstAmbiguityAndGap) {
  const auto cal = Calendar::make("Europe/Berlin");
  // 2026-10-25 02:30 happens twice: the earlier one is CEST (+02:00).
  const date::local_seconds twice{date::local_days{date::year{2026} / 10 / 25} + 2h + 30min};
  EXPECT_EQ(date::format("%F %T", cal.to_sys(twice)), "2026-10-25 00:30:00");
  // 2026-03-29 02:30 does not exist: shifted forward by the hour, 03:30 CEST.
  const date::local_seconds gap{date::local_days{date::year{2026} / 3 / 29} + 2h + 30min};
  EXPECT_EQ(date::format("%F %T", cal.to_sys(gap)), "2026-03-29 01:30:00");
  EXPECT_EQ(cal.to_local(cal.to_sys(gap)), gap + 1h);
}

TEST(WorkingCalendar, UnknownZoneThrows) {
  EXPECT_THROW(Calendar::make("Mars/Olympus_Mons"), std::runtime_error);
  EXPECT_NO_THROW(Calendar::make("UTC"));
}

}  // namespace
