// The clean-up of old inbox and outbox rows, on a real database.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include "fakes/temp_dir.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "storage/outbox_lanes.hpp"
#include "storage/retention.hpp"

namespace wgbot::storage {
namespace {

constexpr std::int64_t kDay = 24 * 3600;
constexpr std::int64_t kNow = 1795662000;  // Thu 2026-11-26 10:00 +07:00

class Retention : public ::testing::Test {
 protected:
  Retention() : db_(open_database(dir_.file("a.db"))) { migrate(*db_); }

  std::int64_t inbox(const std::string& status, std::int64_t days_old) {
    auto q = db_->prepare(
        "INSERT INTO inbox (platform, update_key, received_at, payload, status) "
        "VALUES ('telegram', ?, ?, '{}', ?)");
    q->bind(1, "u" + std::to_string(++keys_));
    q->bind(2, kNow - days_old * kDay);
    q->bind(3, status);
    q->exec();
    return db_->getLastInsertRowid();
  }

  // A row created `days_old` days ago; a sent one was sent then too.
  std::int64_t outbox(const std::string& status, std::int64_t days_old,
                      std::optional<std::int64_t> inbox_id = std::nullopt) {
    const auto at = kNow - days_old * kDay;
    auto q = db_->prepare(
        "INSERT INTO outbox (platform, chat_id, body, status, created_at, sent_at, inbox_id) "
        "VALUES ('telegram', '42', '{}', ?, ?, ?, ?)");
    q->bind(1, status);
    q->bind(2, at);
    if (status == "sent") {
      q->bind(3, at);
    } else {
      q->bind(3);
    }
    if (inbox_id) {
      q->bind(4, *inbox_id);
    } else {
      q->bind(4);
    }
    q->exec();
    return db_->getLastInsertRowid();
  }

  bool exists(const std::string& table, std::int64_t id) {
    auto q = db_->prepare(table == "inbox" ? "SELECT COUNT(*) FROM inbox WHERE id = ?"
                                           : "SELECT COUNT(*) FROM outbox WHERE id = ?");
    q->bind(1, id);
    q->executeStep();
    return q->getColumn(0).getInt() == 1;
  }

  bool has_progress(std::int64_t outbox_id) {
    auto q = db_->prepare("SELECT COUNT(*) FROM state WHERE key = ?");
    q->bind(1, parts_done_key(outbox_id));
    q->executeStep();
    return q->getColumn(0).getInt() == 1;
  }

  PurgeCounts purge(int retention_days, int limit = 1000) {
    SQLite::Transaction tx(*db_);
    const auto counts = purge_old_rows(*db_, retention_cutoff(kNow, retention_days), limit);
    tx.commit();
    return counts;
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::Connection> db_;
  int keys_ = 0;
};

TEST_F(Retention, CutoffIsTheRetentionPeriodButNeverUnderThirtyDays) {
  EXPECT_EQ(retention_cutoff(kNow, 90), kNow - 90 * kDay);
  EXPECT_EQ(retention_cutoff(kNow, 30), kNow - 30 * kDay);
  EXPECT_EQ(retention_cutoff(kNow, 29), kNow - 30 * kDay);
  EXPECT_EQ(retention_cutoff(kNow, 1), kNow - 30 * kDay);
}

TEST_F(Retention, OnlyHandledInboxAndSentOutboxRowsPastTheCutoffGo) {
  const auto old_handled = inbox("handled", 100);
  const auto handled_41 = inbox("handled", 41);
  const auto handled_39 = inbox("handled", 39);
  const auto old_failed = inbox("failed", 100);
  const auto old_new = inbox("new", 100);
  const auto old_sent = outbox("sent", 100, old_handled);
  const auto recent_sent = outbox("sent", 10, old_handled);
  const auto old_pending = outbox("pending", 100, old_handled);
  const auto old_failed_out = outbox("failed", 100);
  OutboxLanes(*db_).set_parts_done(old_sent, 1);
  OutboxLanes(*db_).set_parts_done(old_pending, 2);

  const auto counts = purge(40);
  EXPECT_EQ(counts.inbox, 2);
  EXPECT_EQ(counts.outbox, 1);
  EXPECT_FALSE(exists("inbox", old_handled));
  EXPECT_FALSE(exists("inbox", handled_41));
  EXPECT_TRUE(exists("inbox", handled_39));
  EXPECT_TRUE(exists("inbox", old_failed));
  EXPECT_TRUE(exists("inbox", old_new));
  EXPECT_FALSE(exists("outbox", old_sent));
  EXPECT_TRUE(exists("outbox", recent_sent));
  EXPECT_TRUE(exists("outbox", old_pending));
  EXPECT_TRUE(exists("outbox", old_failed_out));
  // The deleted row's progress key goes with it; a pending row keeps its own.
  EXPECT_FALSE(has_progress(old_sent));
  EXPECT_TRUE(has_progress(old_pending));
  // Rows that outlive their inbox row forget it.
  EXPECT_EQ(db_->execAndGet("SELECT COUNT(*) FROM outbox WHERE inbox_id IS NOT NULL").getInt(), 0);
  EXPECT_EQ(purge(40).inbox, 0);  // nothing left to do
}

TEST_F(Retention, NothingYoungerThanThirtyDaysGoesWhateverTheSetting) {
  const auto day_29 = inbox("handled", 29);
  const auto day_31 = inbox("handled", 31);
  const auto sent_29 = outbox("sent", 29);
  const auto counts = purge(1);
  EXPECT_EQ(counts.inbox, 1);
  EXPECT_EQ(counts.outbox, 0);
  EXPECT_TRUE(exists("inbox", day_29));  // its update key still recognises a redelivery
  EXPECT_FALSE(exists("inbox", day_31));
  EXPECT_TRUE(exists("outbox", sent_29));
}

TEST_F(Retention, AtMostLimitRowsOfEachTableGoPerCall) {
  for (int i = 0; i < 5; ++i) {
    inbox("handled", 100 + i);
    outbox("sent", 100 + i);
  }
  EXPECT_EQ(purge(90, 2).inbox, 2);
  EXPECT_EQ(purge(90, 2).outbox, 2);
  const auto last = purge(90, 2);
  EXPECT_EQ(last.inbox, 1);
  EXPECT_EQ(last.outbox, 0);  // the newest outbox row stays (see below)
  EXPECT_EQ(db_->execAndGet("SELECT COUNT(*) FROM inbox").getInt(), 0);
}

// SQLite numbers a new row MAX(id) + 1: were the newest rows deleted, their ids would come
// again, and a sender that reads rows above the highest id it has seen would miss the new ones.
TEST_F(Retention, TheNewestOutboxRowStaysSoIdsNeverComeAgain) {
  for (int i = 0; i < 3; ++i) outbox("sent", 100 - i);
  const auto newest = outbox("sent", 95);
  EXPECT_EQ(purge(90).outbox, 3);
  EXPECT_TRUE(exists("outbox", newest));
  EXPECT_GT(outbox("pending", 0), newest);
}

}  // namespace
}  // namespace wgbot::storage
