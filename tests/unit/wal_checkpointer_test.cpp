#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <future>
#include <memory>
#include <string>
#include <thread>

#include <sqlite3.h>

#include "fakes/faulty_vfs.hpp"
#include "fakes/temp_dir.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/writer.hpp"

namespace wgbot::storage {
namespace {

using namespace std::chrono_literals;
using testing::TempDir;

constexpr int kPageSize = 4096;

// Opens a fresh database through the test VFS (so a test can hold its syncs) with a table of
// blobs: each row below spans a few pages, so a few hundred commits pass SQLite's 1,000 pages.
std::unique_ptr<Writer> make_writer(const TempDir& dir, int background_pages) {
  testing::FaultyVfs::install();
  auto db = open_database(dir.file("c.db"));
  db->exec("CREATE TABLE blobs (id INTEGER PRIMARY KEY, data BLOB NOT NULL)");
  return std::make_unique<Writer>(std::move(db), WriterOptions{512, 0, background_pages});
}

Writer::Job insert_blob(int bytes = 3 * kPageSize) {
  return [bytes](Connection& db) {
    SQLite::Statement q(db, "INSERT INTO blobs (data) VALUES (zeroblob(?))");
    q.bind(1, bytes);
    q.exec();
  };
}

// Commits one job and waits for it at most `timeout`: false if the commit did not return.
bool commit_within(Writer& writer, std::chrono::milliseconds timeout) {
  auto done = std::make_shared<std::promise<WriteResult>>();
  auto result = done->get_future();
  writer.submit(insert_blob(), [done](const WriteResult& r) { done->set_value(r); });
  return result.wait_for(timeout) == std::future_status::ready && result.get().ok();
}

// Closes the writer (SQLite copies what is left) and checks the file holds every row, intact.
void expect_every_row_kept(std::unique_ptr<Writer>& writer, const TempDir& dir, int rows) {
  writer.reset();
  auto db = open_database(dir.file("c.db"), OpenMode::read_only);
  EXPECT_EQ(db->execAndGet("SELECT COUNT(*) FROM blobs").getInt64(), rows);
  EXPECT_EQ(db->execAndGet("PRAGMA integrity_check").getString(), "ok");
}

// Lets held syncs go on however the test ends, so no thread stays stuck in one.
struct SyncRelease {
  ~SyncRelease() { testing::FaultyVfs::install().release_database_syncs(); }
};

TEST(WalCheckpointer, CommitsGoOnWhileACheckpointWaitsForTheDisk) {
  TempDir dir;
  auto writer = make_writer(dir, 32);
  auto& vfs = testing::FaultyVfs::install();
  const SyncRelease release;
  vfs.hold_database_syncs();
  // About 1,600 pages: a checkpoint run inside a commit would hold that commit at the sync.
  constexpr int kCommits = 400;
  for (int i = 0; i < kCommits; ++i) {
    ASSERT_TRUE(commit_within(*writer, 10s)) << "commit " << i << " waited for a checkpoint";
  }
  // The copy that passed the mark is still waiting for the disk, on a thread of its own.
  EXPECT_TRUE(vfs.wait_for_held_sync(10s));
  vfs.release_database_syncs();
  writer->flush();
  const CheckpointStats stats = writer->checkpoint_stats();
  EXPECT_GE(stats.checkpoints, 1U);
  EXPECT_EQ(stats.failed, 0U);
  expect_every_row_kept(writer, dir, kCommits);
}

TEST(WalCheckpointer, TheLogStartsOverWhileTheWriterKeepsCommitting) {
  TempDir dir;
  constexpr int kMark = 64;
  auto writer = make_writer(dir, kMark);
  // Back to back: the writer begins its next transaction before a copy of the last commit can
  // end, so the log only starts over because the writer copies the short rest itself.
  constexpr int kCommits = 600;
  for (int i = 0; i < kCommits; ++i) ASSERT_TRUE(commit_within(*writer, 10s));
  const CheckpointStats stats = writer->checkpoint_stats();
  EXPECT_GE(stats.restarts, 5U);
  EXPECT_EQ(stats.failed, 0U);
  // ~2,400 pages committed; the log file stays within a few marks of pages.
  const auto wal_bytes = std::filesystem::file_size(dir.file("c.db") + "-wal");
  EXPECT_LE(wal_bytes, 4U * kMark * (kPageSize + 24)) << "the log grew instead of starting over";
  expect_every_row_kept(writer, dir, kCommits);
}

TEST(WalCheckpointer, AReaderInTheLogDelaysTheRestartButLosesNothing) {
  TempDir dir;
  constexpr int kMark = 64;
  auto writer = make_writer(dir, kMark);
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(commit_within(*writer, 10s));
  constexpr int kCommits = 100;  // ~400 pages
  {
    // A reader that reads again after every commit, as a sender does, always has a snapshot
    // inside the log: the log cannot start over while it reads.
    auto reader = open_database(dir.file("c.db"), OpenMode::read_only);
    const auto restarts_before = writer->checkpoint_stats().restarts;
    for (int i = 0; i < kCommits; ++i) {
      reader->exec("BEGIN");
      (void)reader->execAndGet("SELECT COUNT(*) FROM blobs").getInt64();
      ASSERT_TRUE(commit_within(*writer, 10s));
      reader->exec("COMMIT");
    }
    EXPECT_EQ(writer->checkpoint_stats().restarts, restarts_before);
    // The writer copies the rest again once per half a mark of growth, not after every commit.
    EXPECT_LE(writer->checkpoint_stats().catch_ups, kCommits * 4 / (kMark / 2) + 2);
  }
  for (int i = 0; i < kCommits; ++i) ASSERT_TRUE(commit_within(*writer, 10s));
  EXPECT_GE(writer->checkpoint_stats().restarts, 1U);
  expect_every_row_kept(writer, dir, 20 + 2 * kCommits);
}

TEST(WalCheckpointer, ACopyByAnotherConnectionIsWaitedOutNotAFailure) {
  TempDir dir;
  auto& vfs = testing::FaultyVfs::install();
  // Another program's pages in the log, not yet copied back (it stays open: the last connection
  // to close would copy them).
  auto other = open_database(dir.file("c.db"));
  other->exec("PRAGMA wal_autocheckpoint=0");
  other->exec("CREATE TABLE blobs (id INTEGER PRIMARY KEY, data BLOB NOT NULL)");
  for (int i = 0; i < 20; ++i) insert_blob()(*other);
  std::jthread other_copy;
  const SyncRelease release;  // before other_copy is joined
  vfs.hold_database_syncs();
  // That program copies them, and its copy waits for the disk: SQLite lets one copy run at once.
  other_copy = std::jthread([&other] {
    sqlite3_wal_checkpoint_v2(other->getHandle(), "main", SQLITE_CHECKPOINT_PASSIVE, nullptr,
                              nullptr);
  });
  ASSERT_TRUE(vfs.wait_for_held_sync(10s));
  constexpr int kMark = 32;
  auto writer =
      std::make_unique<Writer>(open_database(dir.file("c.db")), WriterOptions{512, 0, kMark});
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(commit_within(*writer, 10s));
  vfs.release_database_syncs();
  other_copy.join();
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(commit_within(*writer, 10s));
  const CheckpointStats stats = writer->checkpoint_stats();
  EXPECT_GE(stats.busy, 1U);
  EXPECT_EQ(stats.failed, 0U);
  EXPECT_GE(stats.restarts, 1U);
  other.reset();
  expect_every_row_kept(writer, dir, 140);
}

TEST(WalCheckpointer, WithoutAMarkSqliteCheckpointsAsBefore) {
  TempDir dir;
  auto writer = make_writer(dir, 0);
  for (int i = 0; i < 300; ++i) ASSERT_TRUE(commit_within(*writer, 10s));
  const CheckpointStats stats = writer->checkpoint_stats();
  EXPECT_EQ(stats.checkpoints, 0U);
  EXPECT_EQ(stats.restarts, 0U);
  // SQLite's own checkpoint at 1,000 pages started the log over: ~1,200 pages were committed.
  const auto wal_bytes = std::filesystem::file_size(dir.file("c.db") + "-wal");
  EXPECT_LT(wal_bytes, 1100U * (kPageSize + 24));
}

}  // namespace
}  // namespace wgbot::storage
