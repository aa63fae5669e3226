// The digest's schedule on a ManualClock: four weeks with a holiday, a restart and an outage;
// exactly one digest per working day per subscriber, to each one's preferred account.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "handlers/schedule/digest_time.hpp"
#include "storage/member_repository.hpp"
#include "unit/digest_fixture.hpp"

namespace wgbot {
namespace {

using std::chrono::minutes;
using std::chrono::sys_seconds;
using testing::DigestFixture;

struct SentRow {
  std::string day;
  std::int64_t member = 0;
  std::int64_t sent_at = 0;
  bool late = false;
};

std::vector<SentRow> sent_rows(DigestFixture& f) {
  return f.db([](storage::Connection& d) {
    SQLite::Statement q(d, "SELECT day, member_id, sent_at, late FROM digests_sent ORDER BY day");
    std::vector<SentRow> rows;
    while (q.executeStep()) {
      rows.push_back(SentRow{q.getColumn(0).getString(), q.getColumn(1).getInt64(),
                             q.getColumn(2).getInt64(), q.getColumn(3).getInt() != 0});
    }
    return rows;
  });
}

// Four weeks from Monday 30/11/2026, a holiday on Thursday 10/12, the bot restarted on Monday
// 14/12 just after the digest went out, and down on Wednesday 16/12 from 06:00 to 10:00.
TEST(DigestSchedule, OncePerWorkingDayPerSubscriberOverFourWeeks) {
  Config config = testing::config_with({"2026-12-10"});
  DigestFixture f(config);
  for (const auto* handle : {"chutich", "quy", "luc"}) f.link(handle);
  f.link("lan");  // a member, not a subscriber
  f.seed();

  const auto start = f.local(2026, 11, 30, 0);
  const auto end = f.local(2026, 12, 28, 0);
  const auto restart_at = f.local(2026, 12, 14, 7, 45);
  const auto down_from = f.local(2026, 12, 16, 6);
  const auto down_until = f.local(2026, 12, 16, 10);
  bool restarted = false;
  for (auto t = start; t < end; t += minutes{15}) {
    if (t >= down_from && t < down_until) continue;  // the bot is down: nothing runs
    if (!restarted && t >= restart_at) {
      f.restart();
      restarted = true;
    }
    f.clock().set(t);
    f.scheduler().digest_if_due(t);
  }
  ASSERT_TRUE(restarted);

  const auto rows = sent_rows(f);
  std::set<std::string> days;
  std::map<std::int64_t, int> per_member;
  for (const auto& r : rows) {
    days.insert(r.day);
    ++per_member[r.member];
  }
  // 20 weekdays minus the holiday.
  EXPECT_EQ(days.size(), 19U);
  EXPECT_EQ(days.count("2026-12-10"), 0U);
  EXPECT_EQ(days.count("2026-12-05"), 0U);  // a Saturday
  ASSERT_EQ(rows.size(), 19U * 3);
  for (const auto& handle : {"chutich", "quy", "luc"}) {
    EXPECT_EQ(per_member[f.member_id(handle)], 19) << handle;
  }
  EXPECT_EQ(per_member.count(f.member_id("lan")), 0U);
  for (const auto& r : rows) {
    const auto sent = sys_seconds{std::chrono::seconds{r.sent_at}};
    if (r.day == "2026-12-16") {
      EXPECT_TRUE(r.late);
      EXPECT_EQ(sent, down_until);  // on start-up, the same day
    } else {
      EXPECT_FALSE(r.late) << r.day;
      EXPECT_EQ(sent, f.cal().at(f.cal().local_day(sent), minutes{7 * 60 + 30})) << r.day;
    }
  }
  // The outbox has exactly the recorded digests, each with the chart attached.
  const auto chairman = f.sent_to("chat-chutich");
  ASSERT_EQ(chairman.size(), 19U);
  int marked_late = 0;
  for (const auto& row : chairman) {
    EXPECT_TRUE(row.message.text.starts_with("📋 **Báo cáo nhanh nhiệm vụ")) << row.message.text;
    if (row.message.text.find("Gửi muộn") != std::string::npos) ++marked_late;
  }
  EXPECT_EQ(marked_late, 1);
  EXPECT_TRUE(f.sent_to("chat-lan").empty());
  EXPECT_EQ(f.query_int("SELECT COUNT(*) FROM outbox WHERE file IS NOT NULL"), 19 * 3);
}

// The late one says so.
TEST(DigestSchedule, AMissedDigestGoesOutOnStartUpMarkedLate) {
  DigestFixture f;
  f.link("chutich");
  f.seed();
  const auto t = f.local(2026, 12, 7, 9, 10);  // started at 09:10 on a Monday
  f.clock().set(t);
  const auto report = f.scheduler().digest_if_due(t);
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->queued, 1);
  const auto rows = f.sent_to("chat-chutich");
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_NE(rows[0].message.text.find("(Gửi muộn: hệ thống tạm ngừng vào giờ gửi thường lệ.)"),
            std::string::npos);
  // Later that day, and after another restart, nothing more.
  f.restart();
  f.clock().set(t + std::chrono::hours{3});
  const auto again = f.scheduler().digest_if_due(f.clock().now());
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->queued, 0);
  EXPECT_EQ(again->already, 1);
  EXPECT_EQ(f.sent_to("chat-chutich").size(), 1U);
}

// After quiet hours begin the day's digest is given up, not sent at night.
TEST(DigestSchedule, QuietHoursHoldTheDigest) {
  DigestFixture f;
  f.link("chutich");
  const auto night = f.local(2026, 12, 7, 22);
  f.clock().set(night);
  sys_seconds next{};
  EXPECT_FALSE(f.scheduler().digest_if_due(night, &next).has_value());
  EXPECT_EQ(next, f.local(2026, 12, 8, 7, 30));
  EXPECT_TRUE(f.sent_to("chat-chutich").empty());
}

// The scheduler reads the digest time and readers from its config at every call.
TEST(DigestSchedule, TimeAndReadersComeFromTheConfig) {
  Config config = testing::test_config("unused.db");
  config.schedule.digest_time = minutes{8 * 60 + 15};
  config.schedule.digest_roles = {"standing"};
  DigestFixture f(config);
  f.link("chutich");
  f.link("luc");
  sys_seconds next{};
  f.clock().set(f.local(2026, 12, 7, 6));
  EXPECT_FALSE(f.scheduler().digest_if_due(f.clock().now(), &next).has_value());
  EXPECT_EQ(next, f.local(2026, 12, 7, 8, 15));
  f.clock().set(next);
  const auto report = f.scheduler().digest_if_due(next);
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->queued, 1);
  EXPECT_EQ(f.sent_to("chat-luc").size(), 1U);
  EXPECT_TRUE(f.sent_to("chat-chutich").empty());
}

// A subscriber linked on Telegram and Zalo gets it on the one chosen with /notify here.
TEST(DigestSchedule, GoesToThePreferredAccount) {
  DigestFixture f;
  f.link("chutich", "telegram");
  f.link("chutich", "zalo_bot");  // linked last: preferred until told otherwise
  const auto telegram_account = f.db([](storage::Connection& d) {
    return d.execAndGet("SELECT id FROM accounts WHERE platform = 'telegram'").getInt64();
  });
  f.db([&](storage::Connection& d) {
    storage::MemberRepository(d).set_preferred_account(
        storage::MemberRepository(d).by_handle("chutich")->id, telegram_account);
  });
  f.seed();
  const auto t = f.digest_at();
  f.clock().set(t);
  ASSERT_TRUE(f.scheduler().digest_if_due(t).has_value());
  EXPECT_EQ(f.sent_to("chat-chutich", "telegram").size(), 1U);
  EXPECT_TRUE(f.sent_to("chat-chutich", "zalo_bot").empty());

  // Preferring Zalo moves tomorrow's digest there.
  const auto zalo_account = f.db([](storage::Connection& d) {
    return d.execAndGet("SELECT id FROM accounts WHERE platform = 'zalo_bot'").getInt64();
  });
  f.db([&](storage::Connection& d) {
    storage::MemberRepository(d).set_preferred_account(
        storage::MemberRepository(d).by_handle("chutich")->id, zalo_account);
  });
  const auto tomorrow = f.local(2026, 12, 8, 7, 30);
  f.clock().set(tomorrow);
  ASSERT_TRUE(f.scheduler().digest_if_due(tomorrow).has_value());
  EXPECT_EQ(f.sent_to("chat-chutich", "telegram").size(), 1U);
  EXPECT_EQ(f.sent_to("chat-chutich", "zalo_bot").size(), 1U);
}

TEST(DigestTime, WorkingDaysOnlyAndNextIsTheNextWorkingDay) {
  auto cal = timeexpr::Calendar::make("Asia/Ho_Chi_Minh");
  cal.holidays.insert(date::sys_days(date::year(2026) / 12 / 10));
  const scheduler::QuietHours quiet;
  const auto at = [&](unsigned d, int h, int m = 0) {
    return cal.at(date::sys_days(date::year(2026) / 12 / d), std::chrono::hours{h} + minutes{m});
  };
  const auto friday = scheduler::digest_due(at(4, 7, 30), minutes{450}, quiet, cal);
  EXPECT_TRUE(friday.due);
  EXPECT_FALSE(friday.late);
  EXPECT_EQ(friday.next, at(7, 7, 30));  // over the weekend
  const auto saturday = scheduler::digest_due(at(5, 9), minutes{450}, quiet, cal);
  EXPECT_FALSE(saturday.due);
  const auto wednesday = scheduler::digest_due(at(9, 8), minutes{450}, quiet, cal);
  EXPECT_TRUE(wednesday.due);
  EXPECT_TRUE(wednesday.late);
  EXPECT_EQ(wednesday.next, at(11, 7, 30));  // over the holiday
}

}  // namespace
}  // namespace wgbot
