#include <gtest/gtest.h>

#include "bot/console/console_session.hpp"

#include <set>

#include "core/metrics.hpp"
#include "unit/scheduler_fixture.hpp"

namespace wgbot {
namespace {

using testing::SchedulerFixture;

date::weekday local_weekday(const SchedulerFixture& f, std::int64_t t) {
  return date::weekday{f.cal().local_day(std::chrono::sys_seconds{std::chrono::seconds{t}})};
}

std::string local_time(const SchedulerFixture& f, std::int64_t t) {
  return format_time_of_day(std::chrono::sys_seconds{std::chrono::seconds{t}}, f.cal());
}

TEST(SchedulerReminders, WeeklyReminderFires52TimesInAYearAtItsLocalTime) {
  SchedulerFixture f;
  f.remind("luc", "mỗi thứ 2 9h", "giao ban tuần");
  f.run_until(f.clock().now() + std::chrono::days{365});
  const auto rows = f.sent_to("chat-luc");
  ASSERT_EQ(rows.size(), 52U);
  for (const auto& row : rows) {
    EXPECT_EQ(local_weekday(f, row.created_at), date::Monday) << f.stamp(row.created_at);
    EXPECT_EQ(local_time(f, row.created_at), "09:00");
    EXPECT_EQ(row.message.text, "⏰ Nhắc việc: giao ban tuần");  // never late
  }
  EXPECT_EQ(f.query_int("SELECT fired_count FROM reminders"), 52);
}

TEST(SchedulerReminders, DailyReminderFiresEveryDayEvenInQuietHours) {
  SchedulerFixture f;
  f.remind("luc", "mỗi ngày 22h", "tổng hợp ý kiến");
  f.run_until(f.local(2026, 12, 5, 23));
  const auto rows = f.sent_to("chat-luc");
  ASSERT_EQ(rows.size(), 10U);  // 26/11 … 5/12, 22:00 is inside quiet hours: reminders ignore them
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].created_at,
              f.local(2026, 11, 26, 22).time_since_epoch().count() + 86400 * static_cast<long>(i));
  }
}

TEST(SchedulerReminders, WorkingDayRuleSkipsWeekendsAndConfiguredHoliday) {
  SchedulerFixture f(testing::config_with({"2026-12-01"}));
  f.remind("luc", "every weekday 16:30", "cập nhật tiến độ");
  f.run_until(f.local(2026, 12, 9, 23));
  std::vector<std::string> days;
  for (const auto& row : f.sent_to("chat-luc")) days.push_back(f.stamp(row.created_at));
  const std::vector<std::string> expected = {
      "16:30 thứ Năm, 26/11/2026", "16:30 thứ Sáu, 27/11/2026", "16:30 thứ Hai, 30/11/2026",
      "16:30 thứ Tư, 02/12/2026",  "16:30 thứ Năm, 03/12/2026", "16:30 thứ Sáu, 04/12/2026",
      "16:30 thứ Hai, 07/12/2026", "16:30 thứ Ba, 08/12/2026",  "16:30 thứ Tư, 09/12/2026"};
  EXPECT_EQ(days, expected);
}

TEST(SchedulerReminders, OneOffReminderFiresOnceWithSnoozeButtonOnTelegram) {
  SchedulerFixture f;
  const auto id = f.remind("luc", "8h sáng mai", "họp giao ban");
  f.run_until(f.local(2026, 12, 3, 0));
  const auto rows = f.sent_to("chat-luc");
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].created_at, f.local(2026, 11, 27, 8).time_since_epoch().count());
  ASSERT_EQ(rows[0].message.buttons.size(), 1U);
  EXPECT_EQ(rows[0].message.buttons[0][0].label, "⏰ Nhắc lại sau 1 giờ");
  EXPECT_EQ(rows[0].message.buttons[0][0].data, "snooze:" + std::to_string(id) + ":60");
  EXPECT_EQ(f.query_int("SELECT COUNT(*) FROM reminders WHERE status = 'done'"), 1);
}

TEST(SchedulerReminders, ZaloReminderSpellsOutTheSnoozeCommand) {
  SchedulerFixture f;
  const auto id = f.remind("luc", "11h", "gọi điện Sở Tài chính", "zalo_bot");
  f.run_until(f.local(2026, 11, 26, 12));
  const auto rows = f.sent_to("chat-luc", "zalo_bot");
  ASSERT_EQ(rows.size(), 1U);
  // The snooze button is stated for every platform; one without buttons shows the command.
  ASSERT_EQ(rows[0].message.buttons.size(), 1U);
  EXPECT_EQ(rows[0].message.text, "⏰ Nhắc việc: gọi điện Sở Tài chính");
  EXPECT_EQ(rows[0].message.hint, "Nhắc lại sau 1 giờ: /hoannhac " + std::to_string(id));
  EXPECT_EQ(
      render_message_for_console(rows[0].message, false),
      "⏰ Nhắc việc: gọi điện Sở Tài chính\nNhắc lại sau 1 giờ: /hoannhac " + std::to_string(id));
}

TEST(SchedulerReminders, EnglishMemberGetsEnglishReminder) {
  SchedulerFixture f;
  f.exec("UPDATE members SET lang = 'en' WHERE handle = 'hung'");
  f.remind("hung", "in 30 minutes", "call the finance department");
  f.run_until(f.local(2026, 11, 26, 11));
  const auto rows = f.sent_to("chat-hung");
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].message.text, "⏰ Reminder: call the finance department");
  EXPECT_EQ(rows[0].message.buttons[0][0].label, "⏰ Remind me in 1 hour");
}

TEST(SchedulerReminders, RecurringReminderNeverDriftsWhenFiredLate) {
  SchedulerFixture f;
  f.remind("luc", "mỗi ngày 8h", "đọc báo cáo");
  f.clock().set(f.local(2026, 11, 27, 8, 47));  // the loop was busy: fired 47 minutes late
  f.run();
  f.run_until(f.local(2026, 11, 29, 12));
  const auto rows = f.sent_to("chat-luc");
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[0].message.text, "⏰ Nhắc việc: đọc báo cáo (gửi muộn)");
  EXPECT_EQ(local_time(f, rows[1].created_at), "08:00");
  EXPECT_EQ(local_time(f, rows[2].created_at), "08:00");
}

TEST(SchedulerReminders, InactiveMembersRemindersAreDroppedSilently) {
  SchedulerFixture f;
  f.remind("hung", "11h", "x");
  f.exec("UPDATE members SET active = 0 WHERE handle = 'hung'");
  f.run_until(f.local(2026, 11, 26, 12));
  EXPECT_TRUE(f.sent_to("chat-hung").empty());
  EXPECT_EQ(f.query_int("SELECT COUNT(*) FROM reminders WHERE status = 'cancelled'"), 1);
}

TEST(SchedulerReminders, NextWakeIsTheEarliestDueItem) {
  SchedulerFixture f;
  EXPECT_FALSE(f.run().next_wake.has_value());
  f.remind("luc", "17h", "a");
  f.remind("luc", "11h", "b");
  EXPECT_EQ(f.run().next_wake, f.local(2026, 11, 26, 11));
}

}  // namespace
}  // namespace wgbot

namespace wgbot {
namespace {

// A member on Telegram and Zalo: each reminder fires in the chat it was set in, whichever
// account is preferred for nudges.
TEST(SchedulerReminders, AReminderFiresOnThePlatformItWasSetOn) {
  testing::SchedulerFixture f;
  f.link("luc", "telegram");
  f.link("luc", "zalo_bot");  // linked last: preferred
  f.remind("luc", "11h", "gọi điện Sở Tài chính", "telegram");
  f.remind("luc", "11h30", "gửi công văn", "zalo_bot");
  f.run_until(f.local(2026, 11, 26, 12));
  const auto on_telegram = f.sent_to("chat-luc", "telegram");
  const auto on_zalo = f.sent_to("chat-luc", "zalo_bot");
  ASSERT_EQ(on_telegram.size(), 1U);
  ASSERT_EQ(on_zalo.size(), 1U);
  EXPECT_EQ(on_telegram[0].message.text, "⏰ Nhắc việc: gọi điện Sở Tài chính");
  EXPECT_EQ(on_zalo[0].message.text, "⏰ Nhắc việc: gửi công văn");
}

}  // namespace
}  // namespace wgbot

namespace wgbot {
namespace {

TEST(SchedulerReminders, WhatFiresIsCountedInTheMetrics) {
  testing::SchedulerFixture f;
  Metrics metrics;
  f.scheduler().count_into(metrics);
  f.remind("luc", "mỗi ngày 22h", "tổng hợp ý kiến");
  f.run_until(f.local(2026, 11, 28, 23));  // 26, 27 and 28/11 at 22:00
  const auto page = metrics.render({});
  EXPECT_NE(page.find("wgbot_scheduler_fired_total{kind=\"reminder\"} 3\n"), std::string::npos)
      << page;
  EXPECT_NE(page.find("wgbot_scheduler_fired_total{kind=\"nudge\"} 0\n"), std::string::npos);
}

}  // namespace
}  // namespace wgbot
