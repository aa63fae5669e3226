// The VFS that gathers a commit's WAL appends: fewer writes, and nothing a reader, a crash or a
// big transaction could tell apart from SQLite's own writes.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "fakes/temp_dir.hpp"
#include "storage/coalescing_vfs.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"

namespace wgbot::storage {
namespace {

using testing::TempDir;

constexpr int kRows = 40;
constexpr int kRowBytes = 3000;  // about one page a row

void insert_rows(Connection& db, int rows, int bytes) {
  SQLite::Transaction tx(db);
  auto insert = db.prepare("INSERT INTO t (v) VALUES (zeroblob(?))");
  for (int i = 0; i < rows; ++i) {
    insert->bind(1, bytes);
    insert->exec();
    insert->reset();
  }
  tx.commit();
}

std::int64_t stored_bytes(SQLite::Database& db) {
  return db.execAndGet("SELECT COALESCE(SUM(length(v)), 0) FROM t").getInt64();
}

class CoalescingVfsTest : public ::testing::Test {
 protected:
  CoalescingVfsTest() : db_(open_database(dir_.file("w.db"))) {
    db_->exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB)");
  }

  TempDir dir_;
  std::unique_ptr<Connection> db_;
};

TEST_F(CoalescingVfsTest, ACommitReachesTheWalInAFewWrites) {
  const auto before = coalescing_stats();
  insert_rows(*db_, kRows, kRowBytes);
  const auto after = coalescing_stats();
  const auto asked = after.wal_writes_asked - before.wal_writes_asked;
  const auto issued = after.wal_writes_issued - before.wal_writes_issued;
  // A frame is two writes (its header, its page); some 40 pages became a few writes of 124 KiB.
  EXPECT_GE(asked, 2U * kRows);
  EXPECT_LE(issued, 3U);
  EXPECT_GE(issued, 1U);
}

TEST_F(CoalescingVfsTest, ACommittedTransactionIsInTheFilesTheMomentItCommits) {
  insert_rows(*db_, kRows, kRowBytes);
  // What a crash right now would leave: the files as they are, without the WAL index.
  const TempDir copy;
  for (const char* suffix : {"", "-wal"}) {
    std::filesystem::copy_file(dir_.file("w.db") + suffix, copy.file("w.db") + suffix);
  }
  SQLite::Database recovered(copy.file("w.db"), SQLite::OPEN_READWRITE);
  EXPECT_EQ(stored_bytes(recovered), std::int64_t{kRows} * kRowBytes);
  EXPECT_EQ(recovered.execAndGet("PRAGMA integrity_check").getString(), "ok");
}

// Without a sync at commit the frames would still sit in memory when SQLite tells readers they
// exist; they are written at the barrier that publishes the commit.
TEST_F(CoalescingVfsTest, AnotherConnectionSeesACommitWithoutASyncToo) {
  db_->exec("PRAGMA synchronous=OFF");
  SQLite::Database reader(dir_.file("w.db"), SQLite::OPEN_READONLY);
  EXPECT_EQ(stored_bytes(reader), 0);
  insert_rows(*db_, kRows, kRowBytes);
  EXPECT_EQ(stored_bytes(reader), std::int64_t{kRows} * kRowBytes);
  insert_rows(*db_, 1, 10);
  EXPECT_EQ(stored_bytes(reader), std::int64_t{kRows} * kRowBytes + 10);
}

TEST_F(CoalescingVfsTest, ATransactionOfMegabytesIsWrittenWhole) {
  const auto before = coalescing_stats();
  insert_rows(*db_, 1200, kRowBytes);  // over 3 MiB: gathered and written a piece at a time
  const auto issued = coalescing_stats().wal_writes_issued - before.wal_writes_issued;
  EXPECT_GE(issued, 30U);  // no single write may exceed what the unix VFS can write at once
  SQLite::Database reader(dir_.file("w.db"), SQLite::OPEN_READONLY);
  EXPECT_EQ(stored_bytes(reader), std::int64_t{1200} * kRowBytes);
  EXPECT_EQ(reader.execAndGet("PRAGMA integrity_check").getString(), "ok");
  db_->exec("PRAGMA wal_checkpoint(TRUNCATE)");
  EXPECT_EQ(std::filesystem::file_size(dir_.file("w.db") + "-wal"), 0U);
  EXPECT_EQ(stored_bytes(*db_), std::int64_t{1200} * kRowBytes);
}

TEST_F(CoalescingVfsTest, TheWalIsReusedAfterACheckpointAndReopensIntact) {
  for (int round = 0; round < 3; ++round) {
    insert_rows(*db_, kRows, kRowBytes);
    db_->exec("PRAGMA wal_checkpoint(RESTART)");
  }
  insert_rows(*db_, kRows, kRowBytes);
  db_.reset();
  auto reopened = open_database(dir_.file("w.db"));
  EXPECT_EQ(stored_bytes(*reopened), std::int64_t{4} * kRows * kRowBytes);
  EXPECT_EQ(reopened->execAndGet("PRAGMA integrity_check").getString(), "ok");
}

}  // namespace
}  // namespace wgbot::storage
