#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "storage/schedule_repository.hpp"
#include "unit/scheduler_fixture.hpp"

namespace wgbot {
namespace {

using testing::SchedulerFixture;

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(SchedulerRecovery, AfterDowntimeOnlyTheLatestMissedNudgeIsSentMarkedLate) {
  SchedulerFixture f;
  f.link("hung");
  f.task("Báo cáo sơ kết", "hung", "luc", f.local(2026, 12, 4, 17));
  f.remind("luc", "9h 30/11", "họp Ban Chỉ đạo");
  f.remind("luc", "mỗi ngày 8h15", "đọc văn bản đến");
  f.run();                                  // Thu 26/11 10:00, then the bot is down
  f.clock().set(f.local(2026, 12, 3, 10));  // back a week later
  const auto report = f.run();
  EXPECT_EQ(report.nudges, 1);
  EXPECT_EQ(report.reminders, 2);
  EXPECT_EQ(report.late, 3);
  const auto nudges = f.sent_to("chat-hung");
  ASSERT_EQ(nudges.size(), 1U);  // the −1 nudge of 3/12, not the −3 of 1/12
  EXPECT_EQ(
      nudges[0].message.text,
      "⏰ Nhắc hạn: nhiệm vụ #1 \"Báo cáo sơ kết\" — hạn 17:00 thứ Sáu, 04/12/2026 (gửi muộn)");
  const auto reminders = f.sent_to("chat-luc");
  ASSERT_EQ(reminders.size(), 2U);  // each reminder once, however many times it was missed
  for (const auto& row : reminders) EXPECT_TRUE(contains(row.message.text, "(gửi muộn)"));
  f.run();  // nothing fires twice
  EXPECT_EQ(f.query_int("SELECT COUNT(*) FROM outbox"), 3);
  f.run_until(f.local(2026, 12, 4, 12));  // and the schedule goes on, on time
  const auto later = f.sent_to("chat-hung");
  ASSERT_EQ(later.size(), 2U);
  EXPECT_EQ(f.stamp(later[1].created_at), "08:00 thứ Sáu, 04/12/2026");
  EXPECT_FALSE(contains(later[1].message.text, "gửi muộn"));
  EXPECT_EQ(f.sent_to("chat-luc").size(), 3U);
}

TEST(SchedulerRecovery, DowntimeAcrossOverdueDaysSendsOneOverdueReminder) {
  SchedulerFixture f;
  f.link("hung");
  f.task("Tờ trình", "hung", "luc", f.local(2026, 11, 27, 17));
  f.run();
  f.clock().set(f.local(2026, 12, 4, 10));
  f.run();
  const auto rows = f.sent_to("chat-hung");
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(
      rows[0].message.text,
      "⚠️ Nhiệm vụ #1 \"Tờ trình\" đã quá hạn 7 ngày (hạn 17:00 thứ Sáu, "
      "27/11/2026). "
      "Nhắc "
      "lần 1 (gửi muộn)");
  EXPECT_EQ(f.query_int("SELECT overdue_reminders FROM tasks"), 1);
}

TEST(SchedulerRecovery, MissedNudgeWaitsForQuietHoursToEnd) {
  SchedulerFixture f;
  f.link("hung");
  f.task("Báo cáo", "hung", "luc", f.local(2026, 12, 4, 17));
  f.run();
  f.clock().set(f.local(2026, 12, 3, 23));  // back up at night
  const auto report = f.run();
  EXPECT_EQ(report.messages, 0);
  EXPECT_EQ(report.next_wake, f.local(2026, 12, 4, 7));
  f.run_until(f.local(2026, 12, 4, 12));
  const auto rows = f.sent_to("chat-hung");
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(f.stamp(rows[0].created_at), "07:00 thứ Sáu, 04/12/2026");
  EXPECT_TRUE(contains(rows[0].message.text, "Nhắc hạn") && contains(rows[0].message.text, "muộn"));
  EXPECT_EQ(f.stamp(rows[1].created_at), "08:00 thứ Sáu, 04/12/2026");
}

TEST(SchedulerRecovery, RestartsMidSequenceFireEachItemExactlyOnce) {
  SchedulerFixture f;
  f.link("hung");
  f.remind("luc", "mỗi ngày 8h", "đọc văn bản đến");
  f.task("Đề án", "hung", "quy", f.local(2026, 12, 4, 17));
  f.run_until(f.local(2026, 11, 30, 12));
  f.restart();
  f.run_until(f.local(2026, 12, 4, 8));  // exactly at a nudge's time
  f.restart();
  f.run();  // the restarted scheduler runs at the same instant again
  f.run_until(f.local(2026, 12, 10, 0));
  std::set<std::string> days;
  for (const auto& row : f.sent_to("chat-luc")) {
    EXPECT_TRUE(days.insert(f.stamp(row.created_at)).second) << f.stamp(row.created_at);
  }
  EXPECT_EQ(days.size(), 13U);  // 27/11 … 9/12
  std::vector<std::string> nudges;
  for (const auto& row : f.sent_to("chat-hung")) nudges.push_back(f.stamp(row.created_at));
  EXPECT_EQ(nudges,
            (std::vector<std::string>{"08:00 thứ Ba, 01/12/2026", "08:00 thứ Năm, 03/12/2026",
                                      "08:00 thứ Sáu, 04/12/2026", "08:30 thứ Hai, 07/12/2026",
                                      "08:30 thứ Ba, 08/12/2026", "08:30 thứ Tư, 09/12/2026"}));
}

TEST(SchedulerRecovery, CrashBetweenCommitAndSendLeavesExactlyOneOutboxRow) {
  SchedulerFixture f;
  f.remind("luc", "11h", "gọi Sở Nội vụ");
  f.clock().set(f.local(2026, 11, 26, 11));
  EXPECT_EQ(f.run().reminders, 1);
  f.restart();  // killed before the sender delivered the row
  f.run();
  f.clock().advance(std::chrono::minutes{10});
  f.run();
  f.run_until(f.local(2026, 11, 28, 0));
  EXPECT_EQ(f.query_int("SELECT COUNT(*) FROM outbox WHERE status = 'pending'"), 1);
  EXPECT_EQ(f.query_int("SELECT status = 'done' AND fired_count = 1 FROM reminders"), 1);
}

TEST(SchedulerRecovery, CrashInsideTheStepKeepsNeitherTheMarkNorTheMessage) {
  SchedulerFixture f;
  f.remind("luc", "11h", "gọi Sở Nội vụ");
  f.clock().set(f.local(2026, 11, 26, 11));
  const auto ctx = scheduler::due_context_from(f.config());
  const auto now = f.clock().now();
  EXPECT_THROW(f.db([&](storage::Connection& db) {
    (void)scheduler::fire_due(db, ctx, now);
    throw std::runtime_error("power cut");
  }),
               std::runtime_error);
  EXPECT_EQ(f.query_int("SELECT COUNT(*) FROM outbox"), 0);
  EXPECT_EQ(f.query_int("SELECT status = 'active' FROM reminders"), 1);
  EXPECT_EQ(f.run().reminders, 1);
  EXPECT_EQ(f.query_int("SELECT COUNT(*) FROM outbox"), 1);
}

TEST(SchedulerRecovery, DueQueriesReadThePartialIndexes) {
  SchedulerFixture f;
  const auto lines = f.db([](storage::Connection& db) {
    return storage::ScheduleRepository(db).explain_due_queries();
  });
  std::string all;
  for (const auto& line : lines) all += line + "\n";
  const std::vector<std::string> expected = {
      "due reminders: SEARCH r USING INDEX reminders_due (next_at<?)",
      "due tasks: SEARCH tasks USING INDEX tasks_nudge_due (nudge_at>? AND nudge_at<?)",
      "tasks to plan: SCAN tasks USING INDEX tasks_nudge_unplanned",
      "plans to drop: SCAN tasks USING INDEX tasks_nudge_stale",
      "any task to plan: SCAN tasks USING INDEX tasks_nudge_unplanned",
      "any task to plan: SCAN tasks USING INDEX tasks_nudge_stale",
      "next reminder: SEARCH reminders USING INDEX reminders_due (next_at>?)",
      "next task nudge: SEARCH tasks USING COVERING INDEX tasks_nudge_due (nudge_at>?)",
  };
  for (const auto& line : expected) EXPECT_TRUE(contains(all, line)) << line << "\n" << all;
  for (const auto& line : lines) {  // no scan of a whole table, no sort of the due items
    EXPECT_FALSE(line.ends_with("SCAN tasks") || line.ends_with("SCAN reminders") ||
                 line.ends_with("SCAN r") || contains(line, "TEMP B-TREE"))
        << line;
  }
}

// The real loop: start, wake on notify, fire, stop. Waits for the loop thread, never for time.
TEST(SchedulerRecovery, LoopFiresMissedItemsAtStartAndWakesOnNotify) {
  SchedulerFixture f;
  f.remind("luc", "10h30", "a");
  f.remind("luc", "15h", "b");
  f.clock().set(f.local(2026, 11, 26, 11));  // "a" was missed while the bot was down
  auto& s = f.scheduler();
  f.writer().set_after_commit([&s] { s.notify(); });
  s.start();
  auto wait_for_rows = [&](std::size_t n) {
    for (int i = 0; i < 500 && f.sent_to("chat-luc").size() < n; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return f.sent_to("chat-luc");
  };
  ASSERT_EQ(wait_for_rows(1).size(), 1U);
  f.remind("luc", "12h", "c");  // earlier than "b": the loop must pick it up
  f.clock().set(f.local(2026, 11, 26, 12));
  s.notify();
  const auto rows = wait_for_rows(2);
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[1].message.text, "⏰ Nhắc việc: c");
  s.stop();
  f.writer().set_after_commit(std::function<void()>{});
}

}  // namespace
}  // namespace wgbot
