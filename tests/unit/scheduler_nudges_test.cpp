#include <gtest/gtest.h>

#include "bot/console/console_session.hpp"

#include "unit/scheduler_fixture.hpp"

namespace wgbot {
namespace {

using testing::SchedulerFixture;

std::vector<std::string> stamps(SchedulerFixture& f, const std::string& chat) {
  std::vector<std::string> out;
  for (const auto& row : f.sent_to(chat)) out.push_back(f.stamp(row.created_at));
  return out;
}

TEST(SchedulerNudges, ThreeAndOneWorkingDaysBeforeAndOnTheDayAtEight) {
  SchedulerFixture f;
  f.link("hung");
  const auto id = f.task("Dự thảo Quy chế", "hung", "luc", f.local(2026, 12, 4, 17));
  f.run_until(f.local(2026, 12, 4, 12));
  EXPECT_EQ(stamps(f, "chat-hung"),
            (std::vector<std::string>{"08:00 thứ Ba, 01/12/2026", "08:00 thứ Năm, 03/12/2026",
                                      "08:00 thứ Sáu, 04/12/2026"}));
  const auto rows = f.sent_to("chat-hung");
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[0].message.text,
            "⏰ Nhắc hạn: nhiệm vụ #1 \"Dự thảo Quy chế\" — hạn 17:00 thứ Sáu, 04/12/2026");
  EXPECT_EQ(rows[2].message.text,
            "⏰ Hôm nay đến hạn: nhiệm vụ #1 \"Dự thảo Quy chế\" — hạn 17:00 thứ Sáu, 04/12/2026");
  ASSERT_EQ(rows[0].message.buttons.size(), 1U);
  EXPECT_EQ(rows[0].message.buttons[0][0].data, "done:" + std::to_string(id));
  EXPECT_EQ(rows[0].message.buttons[0][1].data, "detail:" + std::to_string(id));
  // The lead may snooze the notice like a reminder: ⏰ runs /snooze nv<task>.
  ASSERT_EQ(rows[0].message.buttons[0].size(), 3U);
  EXPECT_EQ(rows[0].message.buttons[0][2].label, "⏰ Nhắc lại sau 1 giờ");
  EXPECT_EQ(rows[0].message.buttons[0][2].data, "tsnooze:" + std::to_string(id) + ":60");
  EXPECT_TRUE(f.sent_to("chat-luc").empty());  // the assigner is not nudged
}

TEST(SchedulerNudges, WorkingDaysBeforeTheDeadlineSkipAHoliday) {
  SchedulerFixture f(testing::config_with({"2026-12-02"}));
  f.link("hung");
  f.task("Báo cáo", "hung", "luc", f.local(2026, 12, 4, 17));
  f.run_until(f.local(2026, 12, 5, 0));
  EXPECT_EQ(stamps(f, "chat-hung"),
            (std::vector<std::string>{"08:00 thứ Hai, 30/11/2026", "08:00 thứ Năm, 03/12/2026",
                                      "08:00 thứ Sáu, 04/12/2026"}));
}

TEST(SchedulerNudges, TaskCreatedTwoWorkingDaysBeforeGetsOnlyTheLastTwoNudges) {
  SchedulerFixture f;
  f.link("hung");
  f.task("Tờ trình", "hung", "luc", f.local(2026, 11, 30, 17));  // created Thu 26/11 10:00
  f.run_until(f.local(2026, 11, 30, 16));
  EXPECT_EQ(stamps(f, "chat-hung"),
            (std::vector<std::string>{"08:00 thứ Sáu, 27/11/2026", "08:00 thứ Hai, 30/11/2026"}));
}

TEST(SchedulerNudges, DeadlineOnASaturdayIsNudgedOnTheWorkingDaysBefore) {
  SchedulerFixture f;
  f.link("hung");
  f.task("Rà soát", "hung", "luc", f.local(2026, 12, 5, 11));
  f.run_until(f.local(2026, 12, 5, 10));
  // 3 and 1 working days before Saturday are Wednesday and Friday; "on the day" moves to Friday.
  EXPECT_EQ(stamps(f, "chat-hung"),
            (std::vector<std::string>{"08:00 thứ Tư, 02/12/2026", "08:00 thứ Sáu, 04/12/2026"}));
}

TEST(SchedulerNudges, OverdueRemindersOnWorkingDaysOnlySkippingAHoliday) {
  Config config = testing::config_with({"2026-12-08"});
  config.schedule.escalate_after = 10;
  SchedulerFixture f(config);
  f.link("hung");
  f.task("Kế hoạch", "hung", "luc", f.local(2026, 12, 4, 17));
  f.run_until(f.local(2026, 12, 11, 12));
  auto all = stamps(f, "chat-hung");
  ASSERT_EQ(all.size(), 7U);
  const std::vector<std::string> overdue(all.begin() + 3, all.end());
  EXPECT_EQ(overdue,
            (std::vector<std::string>{"08:30 thứ Hai, 07/12/2026", "08:30 thứ Tư, 09/12/2026",
                                      "08:30 thứ Năm, 10/12/2026", "08:30 thứ Sáu, 11/12/2026"}));
  const auto rows = f.sent_to("chat-hung");
  const std::string first_overdue =
      "⚠️ Nhiệm vụ #1 \"Kế hoạch\" đã quá hạn 3 ngày "
      "(hạn 17:00 thứ Sáu, 04/12/2026). Nhắc lần 1";
  EXPECT_EQ(rows[3].message.text, first_overdue);
  EXPECT_EQ(f.query_int("SELECT overdue_reminders FROM tasks"), 4);
}

TEST(SchedulerNudges, OverdueSinceThisMorningIsNeverZeroDays) {
  SchedulerFixture f;
  f.link("hung");
  f.task("Số liệu tuần", "hung", "luc", f.local(2026, 12, 7, 5, 34));
  f.run_until(f.local(2026, 12, 8, 12));
  const auto rows = f.sent_to("chat-hung");
  std::vector<std::string> overdue;
  for (const auto& r : rows) {
    if (r.message.text.starts_with("⚠️")) overdue.push_back(r.message.text);
  }
  ASSERT_FALSE(overdue.empty());
  for (const auto& text : overdue) EXPECT_EQ(text.find("0 ngày"), std::string::npos) << text;
  const std::string expected =
      "⚠️ Nhiệm vụ #1 \"Số liệu tuần\" đã quá hạn từ 05:34 hôm nay "
      "(hạn 05:34 thứ Hai, 07/12/2026). Nhắc lần 1";
  EXPECT_EQ(overdue.front(), expected);
  EXPECT_EQ(
      overdue.back(),
      "⚠️ Nhiệm vụ #1 \"Số liệu tuần\" đã quá hạn 1 ngày (hạn 05:34 thứ "
      "Hai, "
      "07/12/2026). "
      "Nhắc lần 2");
}

TEST(SchedulerNudges, EscalatesToStandingAndAssignerAfterThreeOverdueRemindersThenStops) {
  SchedulerFixture f;
  for (const char* h : {"hung", "luc", "quy"}) f.link(h);
  f.task("Quy chế phối hợp", "hung", "quy", f.local(2026, 12, 4, 17));
  f.run_until(f.local(2027, 1, 31, 0));
  const auto lead = f.sent_to("chat-hung");
  ASSERT_EQ(lead.size(), 7U);  // 3 nudges, 3 overdue reminders, the escalation notice
  EXPECT_EQ(f.stamp(lead[5].created_at), "08:30 thứ Tư, 09/12/2026");
  EXPECT_EQ(f.stamp(lead[6].created_at), "08:30 thứ Năm, 10/12/2026");
  EXPECT_EQ(lead[6].message.text,
            "🔺 Nhiệm vụ #1 \"Quy chế phối hợp\" đã quá hạn 6 ngày (hạn 17:00 thứ Sáu, 04/12/2026), "
            "đã nhắc 3 lần: đã báo cáo Lãnh đạo");
  for (const char* chat : {"chat-luc", "chat-quy"}) {  // standing member and assigner
    const auto rows = f.sent_to(chat);
    ASSERT_EQ(rows.size(), 1U) << chat;
    EXPECT_EQ(rows[0].message.text,
              "🔺 Báo cáo Lãnh đạo: nhiệm vụ #1 \"Quy chế phối hợp\" do đ/c Phạm Quốc Hùng chủ trì "
              "đã quá hạn 6 ngày (hạn 17:00 thứ Sáu, 04/12/2026), đã nhắc 3 lần");
    EXPECT_EQ(rows[0].message.buttons[0][0].data, "detail:1");
  }
  EXPECT_EQ(f.query_int("SELECT escalated_at IS NOT NULL AND nudge_at IS NULL FROM tasks"), 1);
  EXPECT_EQ(f.query_int("SELECT overdue_reminders FROM tasks"), 3);
}

TEST(SchedulerNudges, QuietHoursHoldNudgesButNotReminders) {
  Config config = testing::test_config("unused.db");
  config.schedule.quiet_end = std::chrono::minutes{9 * 60};  // 21:00-09:00
  SchedulerFixture f(config);
  f.link("hung");
  f.task("Tờ trình", "hung", "luc", f.local(2026, 11, 30, 17));
  f.remind("hung", "8h sáng mai", "họp giao ban");
  f.run_until(f.local(2026, 11, 27, 12));
  const auto rows = f.sent_to("chat-hung");
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(f.stamp(rows[0].created_at), "08:00 thứ Sáu, 27/11/2026");
  EXPECT_EQ(rows[0].message.text, "⏰ Nhắc việc: họp giao ban");
  EXPECT_EQ(f.stamp(rows[1].created_at), "09:00 thứ Sáu, 27/11/2026");
  EXPECT_EQ(rows[1].message.text.find("gửi muộn"), std::string::npos);  // held, not late
}

TEST(SchedulerNudges, DoneOrCancelledTasksAreNotNudged) {
  SchedulerFixture f;
  f.link("hung");
  f.task("A", "hung", "luc", f.local(2026, 12, 4, 17));
  f.task("B", "hung", "luc", f.local(2026, 12, 4, 17));
  f.run();
  f.exec("UPDATE tasks SET status = 'done' WHERE id = 1");
  f.exec("UPDATE tasks SET status = 'cancelled' WHERE id = 2");
  f.run_until(f.local(2027, 1, 1, 0));
  EXPECT_TRUE(f.sent_to("chat-hung").empty());
  EXPECT_EQ(f.query_int("SELECT COUNT(*) FROM tasks WHERE nudge_plan_due IS NULL"), 2);
}

TEST(SchedulerNudges, MovedDeadlineIsPlannedAfresh) {
  SchedulerFixture f;
  f.link("hung");
  f.task("Đề án", "hung", "luc", f.local(2026, 12, 4, 17));
  f.run_until(f.local(2026, 12, 1, 12));
  f.exec("UPDATE tasks SET due_at = " +
         std::to_string(f.local(2026, 12, 11, 17).time_since_epoch().count()));
  f.run_until(f.local(2026, 12, 11, 12));
  EXPECT_EQ(stamps(f, "chat-hung"),
            (std::vector<std::string>{"08:00 thứ Ba, 01/12/2026", "08:00 thứ Ba, 08/12/2026",
                                      "08:00 thứ Năm, 10/12/2026", "08:00 thứ Sáu, 11/12/2026"}));
}

TEST(SchedulerNudges, ReopenedTaskIsPlannedFromTheMomentItReopens) {
  SchedulerFixture f;
  f.link("hung");
  f.task("Đề án", "hung", "luc", f.local(2026, 12, 4, 17));
  f.run();
  f.exec("UPDATE tasks SET status = 'done'");
  f.run_until(f.local(2026, 12, 3, 10));
  f.exec("UPDATE tasks SET status = 'open'");
  f.run_until(f.local(2026, 12, 4, 12));
  EXPECT_EQ(stamps(f, "chat-hung"), (std::vector<std::string>{"08:00 thứ Sáu, 04/12/2026"}));
}

TEST(SchedulerNudges, NudgeGoesToThePreferredAccountAndIsSkippedWithoutOne) {
  SchedulerFixture f;
  f.link("hung", "telegram");
  f.link("hung", "zalo_bot");
  f.exec(
      "UPDATE members SET preferred_account_id = (SELECT id FROM accounts WHERE platform = "
      "'zalo_bot') WHERE handle = 'hung'");
  f.task("A", "hung", "luc", f.local(2026, 11, 30, 17));
  f.task("B", "lan", "luc", f.local(2026, 11, 30, 17));  // lan never started the bot
  f.run_until(f.local(2026, 11, 27, 12));
  EXPECT_TRUE(f.sent_to("chat-hung", "telegram").empty());
  const auto rows = f.sent_to("chat-hung", "zalo_bot");
  ASSERT_EQ(rows.size(), 1U);
  // The same actions as on Telegram; a platform without buttons shows them spelled out.
  ASSERT_EQ(rows[0].message.buttons.size(), 1U);
  EXPECT_EQ(rows[0].message.buttons[0][0].data, "done:1");
  EXPECT_EQ(rows[0].message.hint,
            "Báo cáo hoàn thành: /xong 1 · Chi tiết: /giao 1 · Nhắc lại sau 1 giờ: /hoannhac nv1");
  EXPECT_NE(render_message_for_console(rows[0].message, false)
                .find("\nBáo cáo hoàn thành: /xong 1 · Chi tiết: /giao 1"),
            std::string::npos);
  EXPECT_EQ(f.query_int("SELECT COUNT(*) FROM outbox"), 1);
  EXPECT_EQ(f.query_int("SELECT nudge_last_slot IS NOT NULL FROM tasks WHERE id = 2"), 1);
}

TEST(SchedulerNudges, EnglishLeadGetsEnglishNudge) {
  SchedulerFixture f;
  f.link("hung");
  f.exec("UPDATE members SET lang = 'en' WHERE handle = 'hung'");
  f.task("Draft charter", "hung", "luc", f.local(2026, 11, 30, 17));
  f.run_until(f.local(2026, 11, 27, 12));
  const auto rows = f.sent_to("chat-hung");
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].message.text,
            "⏰ Deadline reminder: task #1 \"Draft charter\" — due 17:00 Monday, 30/11/2026");
  EXPECT_EQ(rows[0].message.buttons[0][0].label, "✅ Done");
}

}  // namespace
}  // namespace wgbot
