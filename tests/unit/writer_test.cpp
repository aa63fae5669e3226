#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <thread>

#include "fakes/temp_dir.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
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
