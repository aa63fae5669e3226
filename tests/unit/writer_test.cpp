#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <sqlite3.h>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <future>
#include <thread>

#include "fakes/temp_dir.hpp"
#include "fakes/writer_gate.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/storage_error.hpp"
#include "storage/writer.hpp"
#include "storage/writer_awaitable.hpp"

namespace wgbot::storage {
namespace {

using testing::TempDir;

std::unique_ptr<Writer> make_writer(const TempDir& dir) {
  auto db = open_database(dir.file("w.db"));
  db->exec("CREATE TABLE items (id INTEGER PRIMARY KEY, who INTEGER NOT NULL)");
  return std::make_unique<Writer>(std::move(db));
}

std::int64_t count_items(const TempDir& dir) {
  auto db = open_database(dir.file("w.db"), OpenMode::read_only);
  return db->execAndGet("SELECT COUNT(*) FROM items").getInt64();
}

TEST(Writer, ConcurrentCoroutinesAllCommitNoneLost) {
  TempDir dir;
  auto writer = make_writer(dir);
  constexpr int kCoroutines = 400;
  boost::asio::io_context ioc;
  std::atomic<int> ok{0};
  for (int i = 0; i < kCoroutines; ++i) {
    boost::asio::co_spawn(
        ioc,
        [&, i]() -> boost::asio::awaitable<void> {
          auto [result, id] = co_await async_write(
              *writer,
              [i](storage::Connection& db) {
                SQLite::Statement q(db, "INSERT INTO items (who) VALUES (?)");
                q.bind(1, i);
                q.exec();
                return db.getLastInsertRowid();
              },
              boost::asio::as_tuple(boost::asio::use_awaitable));
          if (result.ok() && id > 0) ++ok;
        },
        boost::asio::detached);
  }
  std::vector<std::thread> threads;
  threads.reserve(4);
  for (int t = 0; t < 4; ++t) threads.emplace_back([&] { ioc.run(); });
  for (auto& t : threads) t.join();
  writer->stop();
  EXPECT_EQ(ok.load(), kCoroutines);
  EXPECT_EQ(count_items(dir), kCoroutines);
  const auto stats = writer->stats();
  EXPECT_EQ(stats.jobs, static_cast<std::uint64_t>(kCoroutines));
  // Group commit: many jobs share a transaction.
  EXPECT_LT(stats.commits, stats.jobs);
}

TEST(Writer, AFailingJobDoesNotUndoItsNeighbours) {
  TempDir dir;
  auto writer = make_writer(dir);
  std::vector<WriteResult> results(3);
  std::promise<void> all;
  std::atomic<int> left{3};
  auto done = [&](int i) {
    return [&, i](const WriteResult& r) {
      results[static_cast<std::size_t>(i)] = r;
      if (--left == 0) all.set_value();
    };
  };
  auto insert = [](storage::Connection& db) { db.exec("INSERT INTO items (who) VALUES (1)"); };
  writer->submit(insert, done(0));
  writer->submit(
      [](storage::Connection& db) {
        db.exec("INSERT INTO items (who) VALUES (2)");
        throw std::runtime_error("boom");
      },
      done(1));
  writer->submit(insert, done(2));
  all.get_future().wait();
  writer->stop();
  EXPECT_TRUE(results[0].ok());
  EXPECT_EQ(results[1].status, WriteStatus::job_failed);
  EXPECT_EQ(results[1].error, "boom");
  EXPECT_TRUE(results[2].ok());
  EXPECT_EQ(count_items(dir), 2);
}

TEST(Writer, RunReturnsTheValueAndThrowsOnFailure) {
  TempDir dir;
  auto writer = make_writer(dir);
  EXPECT_EQ(writer->run([](storage::Connection&) { return 42; }), 42);
  EXPECT_THROW(writer->run([](storage::Connection& db) { db.exec("NOT SQL"); }),
               std::runtime_error);
}

TEST(Writer, JobsAfterStopAreRefusedNotLost) {
  TempDir dir;
  auto writer = make_writer(dir);
  writer->stop();
  WriteResult seen;
  writer->submit([](storage::Connection&) {}, [&](const WriteResult& r) { seen = r; });
  EXPECT_EQ(seen.status, WriteStatus::stopped);
}

TEST(Writer, AfterCommitTellsWhichTablesGotNewRows) {
  TempDir dir;
  auto writer = make_writer(dir);
  std::vector<bool> items_inserted;
  writer->set_after_commit(
      [&](const CommitChanges& changes) { items_inserted.push_back(changes.inserted("items")); });
  writer->run([](storage::Connection& db) { db.exec("INSERT INTO items (who) VALUES (7)"); });
  writer->run([](storage::Connection& db) { db.exec("UPDATE items SET who = 8"); });
  writer->run([](storage::Connection& db) { db.exec("INSERT INTO items (who) VALUES (9)"); });
  writer->stop();
  EXPECT_EQ(items_inserted, (std::vector<bool>{true, false, true}));
}

TEST(Writer, AfterCommitHookRunsOnlyWhenRowsChanged) {
  TempDir dir;
  auto writer = make_writer(dir);
  std::atomic<int> hooks{0};
  writer->set_after_commit([&] { ++hooks; });
  writer->run([](storage::Connection& db) { (void)db.execAndGet("SELECT COUNT(*) FROM items"); });
  EXPECT_EQ(hooks.load(), 0);
  writer->run([](storage::Connection& db) { db.exec("INSERT INTO items (who) VALUES (7)"); });
  EXPECT_EQ(hooks.load(), 1);
  writer->stop();
}

}  // namespace
}  // namespace wgbot::storage

namespace wgbot::storage {
namespace {

// Jobs of one batch, run while the writer thread is held so they share one transaction.
std::vector<WriteResult> run_as_one_batch(Writer& writer, std::vector<Writer::Job> jobs,
                                          std::vector<Rerun> reruns = {}) {
  testing::WriterGate gate(writer);
  std::vector<std::promise<WriteResult>> results(jobs.size());
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    writer.submit(
        std::move(jobs[i]), [&results, i](const WriteResult& r) { results[i].set_value(r); },
        i < reruns.size() ? reruns[i] : Rerun::unsafe);
  }
  gate.open();
  std::vector<WriteResult> out;
  out.reserve(results.size());
  for (auto& r : results) out.push_back(r.get_future().get());
  return out;
}

Writer::Job insert_item(int who) {
  return [who](storage::Connection& db) {
    db.exec("INSERT INTO items (who) VALUES (" + std::to_string(who) + ")");
  };
}

// SQLite keeps the transaction after this error: only the writer's rule keeps the neighbours
// from committing as if nothing had happened.
TEST(Writer, AStorageErrorInOneJobAbandonsTheWholeBatch) {
  TempDir dir;
  auto writer = make_writer(dir);
  const auto results =
      run_as_one_batch(*writer, {insert_item(1),
                                 [](storage::Connection& db) {
                                   db.exec("INSERT INTO items (who) VALUES (2)");
                                   throw SQLite::Exception("disk I/O error", SQLITE_IOERR_WRITE);
                                 },
                                 insert_item(3)});
  for (const auto& r : results) {
    EXPECT_EQ(r.status, WriteStatus::unavailable) << r.error;
    EXPECT_EQ(r.code, make_error_code(StorageErrc::io));
  }
  writer->stop();
  EXPECT_EQ(count_items(dir), 0);
}

TEST(Writer, ALogicErrorInOneJobUndoesOnlyThatJob) {
  TempDir dir;
  auto writer = make_writer(dir);
  const auto results = run_as_one_batch(
      *writer, {insert_item(1),
                [](storage::Connection& db) {
                  db.exec("INSERT INTO items (who) VALUES (2)");
                  db.exec("INSERT INTO items (who) VALUES (NULL)");  // NOT NULL constraint
                },
                insert_item(3)});
  EXPECT_EQ(results[0].status, WriteStatus::ok);
  EXPECT_EQ(results[1].status, WriteStatus::job_failed);
  EXPECT_FALSE(results[1].code);
  EXPECT_EQ(results[2].status, WriteStatus::ok);
  writer->stop();
  EXPECT_EQ(count_items(dir), 2);
}

TEST(Writer, AJobThatSwallowsALostTransactionStillAbandonsTheBatch) {
  TempDir dir;
  auto writer = make_writer(dir);
  const auto results = run_as_one_batch(*writer, {insert_item(1),
                                                  [](storage::Connection& db) {
                                                    // What SQLite does on its own after some
                                                    // errors: the transaction is gone.
                                                    db.exec("ROLLBACK");
                                                  },
                                                  insert_item(3)});
  for (const auto& r : results) {
    EXPECT_EQ(r.status, WriteStatus::unavailable) << r.error;
    EXPECT_EQ(r.code, make_error_code(StorageErrc::rolled_back));
  }
  writer->stop();
  EXPECT_EQ(count_items(dir), 0);
}

// A job that counts its runs and notes whether the batch ran without savepoints.
struct Tally {
  std::atomic<int> runs{0};
  std::atomic<int> runs_without_savepoints{0};
  Writer::Job job(int who, bool fail = false) {
    return [this, who, fail](storage::Connection& db) {
      ++runs;
      if (db.batch_reruns_on_failure()) ++runs_without_savepoints;
      db.exec("INSERT INTO items (who) VALUES (" + std::to_string(who) + ")");
      if (fail) throw std::runtime_error("boom");
    };
  }
};

TEST(Writer, JobsThatMayRunAgainShareABatchWithoutSavepoints) {
  TempDir dir;
  auto writer = make_writer(dir);
  Tally a;
  Tally b;
  const auto results = run_as_one_batch(*writer, {a.job(1), b.job(2)}, {Rerun::safe, Rerun::safe});
  EXPECT_TRUE(results[0].ok());
  EXPECT_TRUE(results[1].ok());
  EXPECT_EQ(a.runs, 1);
  EXPECT_EQ(a.runs_without_savepoints, 1);
  EXPECT_EQ(b.runs_without_savepoints, 1);
  writer->stop();
  EXPECT_EQ(count_items(dir), 2);
}

TEST(Writer, WhenOneThrowsTheBatchRunsAgainWithASavepointPerJob) {
  TempDir dir;
  auto writer = make_writer(dir);
  Tally before;
  Tally failing;
  Tally after;
  const auto results =
      run_as_one_batch(*writer, {before.job(1), failing.job(2, true), after.job(3)},
                       {Rerun::safe, Rerun::safe, Rerun::safe});
  EXPECT_TRUE(results[0].ok());
  EXPECT_EQ(results[1].status, WriteStatus::job_failed);
  EXPECT_EQ(results[1].error, "boom");
  EXPECT_TRUE(results[2].ok());
  // The first run stopped at the failure and was rolled back; the second had savepoints.
  EXPECT_EQ(before.runs, 2);
  EXPECT_EQ(before.runs_without_savepoints, 1);
  EXPECT_EQ(failing.runs, 2);
  EXPECT_EQ(after.runs, 1);
  EXPECT_EQ(after.runs_without_savepoints, 0);
  writer->stop();
  auto db = open_database(dir.file("w.db"), OpenMode::read_only);
  EXPECT_EQ(db->execAndGet("SELECT group_concat(who) FROM (SELECT who FROM items ORDER BY id)")
                .getString(),
            "1,3");  // each once, the failing job's row undone
}

TEST(Writer, OneJobThatMustNotRunTwiceKeepsSavepointsForTheBatch) {
  TempDir dir;
  auto writer = make_writer(dir);
  Tally safe;
  Tally once;
  const auto results =
      run_as_one_batch(*writer, {safe.job(1), once.job(2, true)}, {Rerun::safe, Rerun::unsafe});
  EXPECT_TRUE(results[0].ok());
  EXPECT_EQ(results[1].status, WriteStatus::job_failed);
  EXPECT_EQ(safe.runs, 1);
  EXPECT_EQ(once.runs, 1);
  EXPECT_EQ(safe.runs_without_savepoints + once.runs_without_savepoints, 0);
  writer->stop();
  EXPECT_EQ(count_items(dir), 1);
}

TEST(Writer, AStorageErrorWithoutSavepointsStillAbandonsTheWholeBatch) {
  TempDir dir;
  auto writer = make_writer(dir);
  Tally after;
  const auto results =
      run_as_one_batch(*writer,
                       {insert_item(1),
                        [](storage::Connection& db) {
                          db.exec("INSERT INTO items (who) VALUES (2)");
                          throw SQLite::Exception("disk I/O error", SQLITE_IOERR_WRITE);
                        },
                        after.job(3)},
                       {Rerun::safe, Rerun::safe, Rerun::safe});
  for (const auto& r : results) {
    EXPECT_EQ(r.status, WriteStatus::unavailable) << r.error;
    EXPECT_EQ(r.code, make_error_code(StorageErrc::io));
  }
  EXPECT_EQ(after.runs, 0);  // not run again: nothing of the batch may be kept
  writer->stop();
  EXPECT_EQ(count_items(dir), 0);
}

TEST(StorageError, SqliteCodesMapToTheProjectsOwnErrors) {
  EXPECT_EQ(storage_error_from_sqlite(SQLITE_FULL), make_error_code(StorageErrc::full));
  EXPECT_EQ(storage_error_from_sqlite(SQLITE_IOERR_FSYNC), make_error_code(StorageErrc::io));
  EXPECT_EQ(storage_error_from_sqlite(SQLITE_CORRUPT_INDEX), make_error_code(StorageErrc::corrupt));
  EXPECT_EQ(storage_error_from_sqlite(SQLITE_NOMEM), make_error_code(StorageErrc::no_memory));
  EXPECT_EQ(storage_error_from_sqlite(SQLITE_BUSY_SNAPSHOT), make_error_code(StorageErrc::busy));
  EXPECT_EQ(storage_error_from_sqlite(SQLITE_READONLY_DBMOVED),
            make_error_code(StorageErrc::read_only));
  EXPECT_FALSE(storage_error_from_sqlite(SQLITE_CONSTRAINT_NOTNULL));
  EXPECT_FALSE(storage_error_from_sqlite(SQLITE_ERROR));
  EXPECT_FALSE(storage_error_from_sqlite(SQLITE_MISUSE));
  EXPECT_FALSE(storage_error_of(std::runtime_error("a bug")));
  EXPECT_EQ(storage_error_of(SQLite::Exception("database or disk is full", SQLITE_FULL)),
            make_error_code(StorageErrc::full));
}

}  // namespace
}  // namespace wgbot::storage
