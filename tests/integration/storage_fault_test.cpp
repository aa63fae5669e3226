// A storage error inside the job that stores an update — a full disk while the page cache spills,
// an I/O error, a damaged page, no memory — must never be answered 200: nothing of the update is
// kept and the platform is told 503, so it redelivers; the redelivery is then stored once.
// The faults are real SQLite result codes, raised by a VFS that wraps the real one.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <future>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "bot/outbound/outbox_sender.hpp"
#include "fakes/faulty_vfs.hpp"
#include "fakes/telegram_harness.hpp"
#include "storage/connection.hpp"
#include "storage/writer.hpp"

namespace wgbot::testing {
namespace {

using nlohmann::json;

HarnessOptions webhook_mode() {
  HarnessOptions o;
  o.public_url = "https://bot.example.gov.vn";
  o.max_body_bytes = 1 << 20;
  return o;
}

// A private message from a user the bot has never seen, with `text`.
std::string update(std::int64_t update_id, const std::string& text) {
  json message = {{"message_id", update_id},
                  {"from", {{"id", 5190233814}, {"is_bot", false}, {"first_name", "Lực"}}},
                  {"chat", {{"id", 5190233814}, {"type", "private"}}},
                  {"date", 1795569302},
                  {"text", text}};
  return json{{"update_id", update_id}, {"message", message}}.dump();
}

std::string fault_name(const ::testing::TestParamInfo<StorageFault>& info) {
  switch (info.param) {
    case StorageFault::disk_full:
      return "DiskFull";
    case StorageFault::io_error:
      return "IoError";
    case StorageFault::corrupt:
      return "Corrupt";
    case StorageFault::no_memory:
      return "NoMemory";
    case StorageFault::read_error:
      return "IoErrorOnRead";
    case StorageFault::none:
      break;
  }
  return "None";
}

class StorageFaultTest : public ::testing::TestWithParam<StorageFault> {
 protected:
  // Installed before the harness opens the database, so its connections go through it.
  FaultyVfs& vfs = FaultyVfs::install();
  TelegramHarness h{webhook_mode()};

  std::int64_t inbox_rows(std::int64_t update_id) {
    return h.query_int("SELECT COUNT(*) FROM inbox WHERE update_key = '" +
                       std::to_string(update_id) + "'");
  }
  // Makes the next job touch the disk: a tiny page cache spills a large row to the WAL before
  // the commit, and an empty one must read every page it needs.
  void make_the_next_job_touch_the_disk() {
    h.bot().writer().run([](storage::Connection& db) {
      db.exec("PRAGMA cache_size = -64");
      sqlite3_db_release_memory(db.getHandle());
    });
  }
  void forget_what_was_read() {
    h.bot().writer().run(
        [](storage::Connection& db) { sqlite3_db_release_memory(db.getHandle()); });
  }
};

TEST_P(StorageFaultTest, AFailureInsideTheJobAnswers503AndKeepsNothing) {
  ASSERT_EQ(h.post_update(update(1, "/help")).status, 200);
  h.sender().settle();
  ASSERT_TRUE(h.stop_platform());  // only the update's job may meet the fault
  // Large enough that storing it cannot stay in the page cache.
  const std::string body = update(2, "Báo cáo " + std::string(std::size_t{300} * 1024, 'x'));
  make_the_next_job_touch_the_disk();
  const int faults_before = vfs.faults_injected();
  {
    ScopedStorageFault fault(GetParam(), vfs);
    EXPECT_EQ(h.post_update(body).status, 503);
  }
  EXPECT_GT(vfs.faults_injected(), faults_before) << "the fault was never hit";
  forget_what_was_read();  // a damaged page read while armed stays in the cache otherwise
  EXPECT_EQ(inbox_rows(2), 0);
  EXPECT_EQ(inbox_rows(1), 1);  // what was committed before is intact
  EXPECT_EQ(metric_value(h.metrics_text(), "wgbot_updates_deferred_total"), 1);

  // The platform redelivers; now it is stored, once.
  EXPECT_EQ(h.post_update(body).status, 200);
  EXPECT_EQ(h.post_update(body).status, 200);
  EXPECT_EQ(inbox_rows(2), 1);
  EXPECT_EQ(h.query_int("SELECT COUNT(*) FROM inbox WHERE status = 'failed'"), 0);
  EXPECT_EQ(h.query_int("PRAGMA integrity_check = 1"), 0);  // "ok" reads as 0
}

INSTANTIATE_TEST_SUITE_P(EachKind, StorageFaultTest,
                         ::testing::Values(StorageFault::disk_full, StorageFault::io_error,
                                           StorageFault::corrupt, StorageFault::no_memory),
                         fault_name);

// A fault that strikes once, in the middle of the job, while SQLite keeps the transaction open:
// the job's code sees the error, the commit afterwards would succeed. Only treating the error as
// the storage's (not as the handler's bug) keeps the update from being answered 200 unstored.
class TransientStorageFaultTest : public StorageFaultTest {};

TEST_P(TransientStorageFaultTest, AFaultThatStrikesOnceMidJobStillAnswers503) {
  ASSERT_EQ(h.post_update(update(1, "/help")).status, 200);
  h.sender().settle();
  ASSERT_TRUE(h.stop_platform());  // its sender's jobs would take the fault meant for the update
  const std::string body = update(2, "/whois quy");
  // Armed on the writer thread, for its next read of a page from the file.
  h.bot().writer().run([this](storage::Connection& db) {
    sqlite3_db_release_memory(db.getHandle());
    vfs.arm(GetParam(), 1, std::this_thread::get_id());
  });
  EXPECT_EQ(h.post_update(body).status, 503);
  EXPECT_EQ(vfs.armed(), StorageFault::none) << "the fault was never hit";
  vfs.disarm();
  forget_what_was_read();
  EXPECT_EQ(inbox_rows(2), 0);
  EXPECT_EQ(h.query_int("SELECT COUNT(*) FROM inbox WHERE status = 'failed'"), 0);
  EXPECT_EQ(h.post_update(body).status, 200);
  EXPECT_EQ(inbox_rows(2), 1);
}

// Wherever in the job a read fails — storing the update, finding the member, or deep in the
// handler's own queries — the answer is 503 and nothing of the update is kept.
TEST_P(TransientStorageFaultTest, WhereverInTheJobItStrikes) {
  h.bot().link("telegram", "5190233814", "luc");
  ASSERT_EQ(h.post_update(update(1, "/giao @hung Rà soát hồ sơ hạn 15/12")).status, 200);
  h.sender().settle();
  ASSERT_TRUE(h.stop_platform());  // its sender's jobs would take the fault meant for the updates
  int struck = 0;
  for (int skip = 0; skip < 60; ++skip) {
    const std::int64_t id = 100 + skip;
    h.bot().writer().run([this, skip](storage::Connection& db) {
      sqlite3_db_release_memory(db.getHandle());
      vfs.arm(GetParam(), 1, std::this_thread::get_id(), skip);
    });
    const int status = h.post_update(update(id, "/viec")).status;
    const bool hit = vfs.armed() == StorageFault::none;
    vfs.disarm();
    forget_what_was_read();
    if (!hit) {  // the job reads fewer pages than `skip`: every place has been tried
      EXPECT_EQ(status, 200);
      break;
    }
    ++struck;
    EXPECT_EQ(status, 503) << "read " << skip + 1 << " of the job failed";
    EXPECT_EQ(inbox_rows(id), 0) << "read " << skip + 1 << " of the job failed";
  }
  EXPECT_GE(struck, 3);
  EXPECT_EQ(h.query_int("SELECT COUNT(*) FROM inbox WHERE status = 'failed'"), 0);
}

INSTANTIATE_TEST_SUITE_P(OnRead, TransientStorageFaultTest,
                         ::testing::Values(StorageFault::corrupt, StorageFault::read_error),
                         fault_name);

// A database that may not grow (its size limit, or a quota) fails the statement that needs a
// new page with SQLITE_FULL but keeps the transaction: whether that statement stored the update
// or ran in its handler, nothing of the update may be kept and the answer is 503 — never a 200
// for an update that was not stored, nor a "failed" row with an apology for a disk problem.
TEST(StorageFull, WhereverTheDatabaseStopsGrowingTheUpdateIsNotKept) {
  HarnessOptions options = webhook_mode();
  TelegramHarness h(options);
  h.bot().link("telegram", "5190233814", "luc");
  // A large change to write: a title within the limit and a long document reference.
  const std::string title = std::string(250, 'x');
  const std::string src = " src " + std::string(5000, 'y');
  // The migrations leave free pages behind (the old pages of a rebuilt table); a filler takes
  // them, so that the room given below is all the database has.
  h.bot().writer().run([](storage::Connection& db) {
    db.exec("CREATE TABLE filler (b BLOB)");
    while (db.execAndGet("PRAGMA freelist_count").getInt64() > 0) {
      db.exec("INSERT INTO filler VALUES (zeroblob(2000))");
    }
  });
  int refused = 0;
  int stored = 0;
  for (int room = 0; room < 40 && stored < 2; ++room) {
    const std::int64_t id = 100 + room;
    h.sender().settle();
    h.bot().writer().run([room](storage::Connection& db) {
      const auto pages = db.execAndGet("PRAGMA page_count").getInt64();
      db.exec("PRAGMA max_page_count = " + std::to_string(pages + room));
    });
    const int status = h.post_update(update(id, "/giao @hung " + title + " " + std::to_string(id) +
                                                    " hạn 15/12" + src))
                           .status;
    h.bot().writer().run(
        [](storage::Connection& db) { db.exec("PRAGMA max_page_count = 1073741823"); });
    const std::string where = "with room for " + std::to_string(room) + " pages";
    const std::string key = std::to_string(id);
    if (status == 503) {
      ++refused;
      EXPECT_EQ(h.query_int("SELECT COUNT(*) FROM inbox WHERE update_key = '" + key + "'"), 0)
          << where;
    } else {
      ++stored;
      EXPECT_EQ(status, 200) << where;
      EXPECT_EQ(h.query_int("SELECT COUNT(*) FROM inbox WHERE update_key = '" + key +
                            "' AND status = 'handled'"),
                1)
          << where;
    }
  }
  EXPECT_GE(refused, 3);
  EXPECT_GE(stored, 1);
  EXPECT_EQ(h.query_int("SELECT COUNT(*) FROM inbox WHERE status = 'failed'"), 0);
}

// A job whose own code throws (not the storage) is a bug in that update: its row is kept as
// failed, the user gets an apology, and the platform is not asked to redeliver it forever.
TEST(WriterJobErrors, ALogicErrorIsNotAStorageError) {
  TestBot bot;
  const auto r = bot.writer().run([](storage::Connection& db) {
    db.exec("CREATE TABLE t (x INTEGER CHECK (x > 0))");
    return true;
  });
  EXPECT_TRUE(r);
  std::promise<storage::WriteResult> done;
  bot.writer().submit([](storage::Connection& db) { db.exec("INSERT INTO t VALUES (-1)"); },
                      [&done](const storage::WriteResult& w) { done.set_value(w); });
  const auto result = done.get_future().get();
  EXPECT_EQ(result.status, storage::WriteStatus::job_failed);
  EXPECT_FALSE(result.code);
}

}  // namespace
}  // namespace wgbot::testing
