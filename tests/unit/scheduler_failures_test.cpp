// One due item that cannot be fired (bad data in its row, a bug on its path) must not hold the
// others: each fires in a savepoint of its own, and the failure is recorded on that item, which
// is tried again later and given up after a few tries. A trigger stands in for the bad row.
#include <gtest/gtest.h>

#include "unit/scheduler_fixture.hpp"

namespace wgbot {
namespace {

using namespace std::chrono_literals;
using testing::SchedulerFixture;

TEST(SchedulerFailures, AReminderThatCannotFireDoesNotHoldTheOthers) {
  SchedulerFixture f;
  f.link("luc");
  const auto bad = f.remind("luc", "11h", "nhắc hỏng");
  const auto good = f.remind("luc", "11h", "gọi điện Sở Tài chính");
  f.exec("CREATE TRIGGER bad_reminder BEFORE UPDATE OF fired_count ON reminders WHEN NEW.id = " +
         std::to_string(bad) + " BEGIN SELECT RAISE(ABORT, 'this row cannot be fired'); END");
  f.clock().set(f.local(2026, 11, 26, 11));
  const auto report = f.run();
  EXPECT_EQ(report.reminders, 1);
  EXPECT_EQ(report.failed, 1);
  const auto rows = f.sent_to("chat-luc");
  ASSERT_EQ(rows.size(), 1U);  // only the good one, and nothing of the bad one's firing
  EXPECT_EQ(rows[0].message.text, "⏰ Nhắc việc: gọi điện Sở Tài chính");
  EXPECT_EQ(f.query_int("SELECT fired_count FROM reminders WHERE id = " + std::to_string(good)), 1);
  EXPECT_EQ(f.query_int("SELECT failures FROM reminders WHERE id = " + std::to_string(bad)), 1);
  EXPECT_EQ(f.query_int("SELECT error LIKE '%cannot be fired%' FROM reminders WHERE id = " +
                        std::to_string(bad)),
            1);
  // Retried later, not at once: the next step is the retry, a minute on.
  ASSERT_TRUE(report.next_wake.has_value());
  EXPECT_EQ(*report.next_wake, f.clock().now() + 60s);

  // It keeps failing: retried with a growing wait, then given up; the good one went on firing.
  f.run_until(f.clock().now() + std::chrono::days{3});
  EXPECT_EQ(f.query_int("SELECT failures FROM reminders WHERE id = " + std::to_string(bad)), 12);
  EXPECT_EQ(
      f.query_int("SELECT status = 'cancelled' FROM reminders WHERE id = " + std::to_string(bad)),
      1);
  EXPECT_EQ(f.query_int("SELECT COUNT(*) FROM outbox WHERE body LIKE '%nhắc hỏng%'"), 0);
}

TEST(SchedulerFailures, ATaskWhoseNudgeCannotBeSentDoesNotHoldTheOthers) {
  SchedulerFixture f;
  f.link("hung");
  f.link("lan");
  f.task("Hồ sơ hỏng", "hung", "luc", f.local(2026, 11, 30, 17));
  f.task("Báo cáo tháng", "lan", "luc", f.local(2026, 11, 30, 17));
  f.exec(
      "CREATE TRIGGER bad_task BEFORE INSERT ON outbox WHEN NEW.body LIKE '%Hồ sơ hỏng%' "
      "BEGIN SELECT RAISE(ABORT, 'this notice cannot be written'); END");
  f.run_until(f.local(2026, 11, 27, 9));  // the nudges of the working day before are due
  EXPECT_EQ(f.sent_to("chat-lan").size(), 1U);
  EXPECT_TRUE(f.sent_to("chat-hung").empty());
  EXPECT_GE(f.query_int("SELECT nudge_failures FROM tasks WHERE id = 1"), 1);
  EXPECT_EQ(f.query_int("SELECT nudge_error LIKE '%cannot be written%' FROM tasks WHERE id = 1"),
            1);
  EXPECT_EQ(f.query_int("SELECT nudge_failures FROM tasks WHERE id = 2"), 0);
  // Once the row can be written again, the nudge goes out on the next try.
  f.exec("DROP TRIGGER bad_task");
  f.run_until(f.clock().now() + std::chrono::hours{2});
  EXPECT_EQ(f.sent_to("chat-hung").size(), 1U);
  EXPECT_EQ(f.query_int("SELECT nudge_failures FROM tasks WHERE id = 1"), 0);
}

}  // namespace
}  // namespace wgbot
