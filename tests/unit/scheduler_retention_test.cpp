// The scheduler's daily clean-up of old inbox and outbox rows, driven by the ManualClock.
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <sstream>
#include <thread>

#include "unit/scheduler_fixture.hpp"

namespace wgbot {
namespace {

using testing::SchedulerFixture;

constexpr std::int64_t kDay = 24 * 3600;

// Captures what is logged while it lives.
class CapturedLog {
 public:
  CapturedLog() : previous_(spdlog::default_logger()) {
    auto logger = std::make_shared<spdlog::logger>(
        "capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(out_));
    spdlog::set_default_logger(logger);
  }
  ~CapturedLog() { spdlog::set_default_logger(previous_); }
  CapturedLog(const CapturedLog&) = delete;
  CapturedLog& operator=(const CapturedLog&) = delete;

  [[nodiscard]] std::string text() const { return out_.str(); }

 private:
  std::ostringstream out_;
  std::shared_ptr<spdlog::logger> previous_;
};

int count_of(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (auto pos = haystack.find(needle); pos != std::string::npos;
       pos = haystack.find(needle, pos + 1)) {
    ++n;
  }
  return n;
}

class SchedulerRetention : public ::testing::Test {
 protected:
  // The newest outbox row is never deleted (ids must only grow): one sent today, with the highest
  // id, so the old rows below are all fair game.
  SchedulerRetention() {
    const auto now = f_.clock().now().time_since_epoch().count();
    f_.db([&](storage::Connection& d) {
      auto q = d.prepare(
          "INSERT INTO outbox (id, platform, chat_id, body, status, created_at, sent_at) "
          "VALUES (1000000, 'telegram', 'chat-luc', '{}', 'sent', ?1, ?1)");
      q->bind(1, now);
      q->exec();
    });
  }

  // A handled inbox row received, and a sent outbox row sent, `days_old` days before now.
  void old_rows(int days_old) {
    const auto at = f_.clock().now().time_since_epoch().count() - days_old * kDay;
    const auto key = "update-" + std::to_string(++keys_);
    f_.db([&](storage::Connection& d) {
      auto in = d.prepare(
          "INSERT INTO inbox (platform, update_key, received_at, payload, status) "
          "VALUES ('telegram', ?, ?, '{}', 'handled')");
      in->bind(1, key);
      in->bind(2, at);
      in->exec();
      auto out = d.prepare(
          "INSERT INTO outbox (id, platform, chat_id, body, status, created_at, sent_at, "
          "inbox_id) VALUES (?3, 'telegram', 'chat-luc', '{}', 'sent', ?1, ?1, ?2)");
      out->bind(1, at);
      out->bind(2, d.getLastInsertRowid());
      out->bind(3, keys_);  // below the newest row's id
      out->exec();
    });
  }

  std::int64_t inbox_rows() { return f_.query_int("SELECT COUNT(*) FROM inbox"); }
  // Not counting the newest row, which stays.
  std::int64_t outbox_rows() {
    return f_.query_int("SELECT COUNT(*) FROM outbox WHERE id < 1000000");
  }

  std::optional<storage::PurgeCounts> purge() {
    return f_.scheduler().purge_if_due(f_.clock().now());
  }

  SchedulerFixture f_;
  int keys_ = 0;
};

TEST_F(SchedulerRetention, RunsOncePerLocalDayAndARestartDoesNotRepeatIt) {
  old_rows(100);
  old_rows(80);  // inside the default 90 days: stays
  CapturedLog log;
  const auto first = purge();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->inbox, 1);
  EXPECT_EQ(first->outbox, 1);
  EXPECT_EQ(inbox_rows(), 1);
  EXPECT_EQ(outbox_rows(), 1);
  EXPECT_EQ(count_of(log.text(), "event=retention_purged inbox=1 outbox=1"), 1) << log.text();

  old_rows(100);
  const auto jobs = f_.writer().stats().jobs;
  f_.clock().set(f_.local(2026, 11, 26, 23, 59));
  EXPECT_FALSE(purge().has_value());
  EXPECT_EQ(f_.writer().stats().jobs, jobs);  // known done today: not even a read
  f_.restart();
  EXPECT_FALSE(purge().has_value());  // the day is remembered in the database
  EXPECT_EQ(inbox_rows(), 2);

  f_.clock().set(f_.local(2026, 11, 27, 0, 1));
  const auto next_day = purge();
  ASSERT_TRUE(next_day.has_value());
  EXPECT_EQ(next_day->inbox, 1);
  EXPECT_EQ(next_day->outbox, 1);
  EXPECT_FALSE(purge().has_value());
  EXPECT_EQ(count_of(log.text(), "event=retention_purged"), 2) << log.text();
}

TEST_F(SchedulerRetention, ABotDownForAWeekCleansUpOnceWhenItComesBack) {
  ASSERT_TRUE(purge().has_value());
  f_.restart();
  f_.clock().advance(std::chrono::days{7});
  old_rows(91);
  old_rows(89);
  const auto back = purge();
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->inbox, 1);
  EXPECT_FALSE(purge().has_value());
  EXPECT_EQ(inbox_rows(), 1);
}

TEST_F(SchedulerRetention, RetentionDaysIsFollowedAboveThirtyDays) {
  Config config = testing::test_config("unused.db");
  config.retention_days = 45;
  SchedulerFixture f(config);
  const auto now = f.clock().now().time_since_epoch().count();
  f.db([&](storage::Connection& d) {
    auto q = d.prepare(
        "INSERT INTO inbox (platform, update_key, received_at, payload, status) "
        "VALUES ('telegram', ?, ?, '{}', 'handled')");
    for (const int days : {46, 44}) {
      q->bind(1, "update-" + std::to_string(days));
      q->bind(2, now - days * kDay);
      q->exec();
      q->reset();
    }
  });
  const auto counts = f.scheduler().purge_if_due(f.clock().now());
  ASSERT_TRUE(counts.has_value());
  EXPECT_EQ(counts->inbox, 1);
  EXPECT_EQ(f.query_int("SELECT received_at FROM inbox"), now - 44 * kDay);
}

// The real loop cleans up as it starts. Waits for the loop thread, never for time.
TEST_F(SchedulerRetention, TheLoopCleansUpWhenItStarts) {
  old_rows(100);
  auto& s = f_.scheduler();
  s.start();
  for (int i = 0; i < 500 && inbox_rows() > 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  s.stop();
  EXPECT_EQ(inbox_rows(), 0);
  EXPECT_EQ(outbox_rows(), 0);
  EXPECT_FALSE(purge().has_value());  // the loop's run counts for today
}

}  // namespace
}  // namespace wgbot
