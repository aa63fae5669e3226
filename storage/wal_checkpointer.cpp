#include "storage/wal_checkpointer.hpp"

#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <string_view>
#include <utility>

#include "core/thread_name.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"

namespace wgbot::storage {

namespace {

// A copy that ends short of the log's end because commits landed meanwhile is run again: each
// pass copies only what the last one missed.
constexpr int kMaxPasses = 3;
// SQLite refuses a copy while another connection (another program's, say) runs one, and when a
// copy reads the log's index just as the writer changes it: nothing is wrong, the copy is made
// later.
bool put_off(int rc) {
  return (rc & 0xff) == SQLITE_BUSY;
}

// SQLite's own mark (SQLITE_DEFAULT_WAL_AUTOCHECKPOINT, which its header does not export).
constexpr int kSqliteCheckpointPages = 1000;

}  // namespace

WalCheckpointer::WalCheckpointer(Connection& writer_db, int mark_pages)
    : writer_db_(writer_db), mark_pages_(mark_pages) {
  const char* file = sqlite3_db_filename(writer_db.getHandle(), "main");
  path_ = file != nullptr ? file : "";
  sqlite3_wal_hook(writer_db.getHandle(), &WalCheckpointer::after_commit, this);
  thread_ = std::thread([this] { loop(); });
}

WalCheckpointer::~WalCheckpointer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    wake_.notify_one();
  }
  thread_.join();
  // Back to SQLite's own checkpoints, for whatever the connection commits after this.
  sqlite3_wal_autocheckpoint(writer_db_.getHandle(), kSqliteCheckpointPages);
}

CheckpointStats WalCheckpointer::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

int WalCheckpointer::after_commit(void* self, sqlite3* /*db*/, const char* schema, int log_pages) {
  if (std::string_view(schema) == "main") static_cast<WalCheckpointer*>(self)->on_commit(log_pages);
  return SQLITE_OK;
}

// On the writer's thread, right after each commit.
void WalCheckpointer::on_commit(int log_pages) {
  const bool started_over = log_pages < last_log_pages_;
  last_log_pages_ = log_pages;
  if (started_over) woken_at_ = caught_up_at_ = 0;
  if (!started_over && log_pages < mark_pages_) return;
  bool catch_up = false;
  {
    std::lock_guard lock(mutex_);
    if (started_over) {
      ++generation_;
      ++stats_.restarts;
    }
    if (log_pages < mark_pages_ || running_) return;
    const bool thread_copied_most =
        copied_generation_ == generation_ && log_pages - copied_pages_ <= mark_pages_ / 4;
    // A reader whose snapshot is inside the log keeps it from starting over and holds back the
    // copy: meanwhile the log is copied again only as it grows by a quarter of a mark (by the
    // thread) or half a mark (the rest, by the writer), not after every commit.
    if (thread_copied_most) {
      catch_up = log_pages >= caught_up_at_ + mark_pages_ / 2;
      if (catch_up) ++stats_.catch_ups;
    } else if (log_pages >= woken_at_ + mark_pages_ / 4) {
      woken_at_ = log_pages;
      wanted_ = true;
      running_ = true;  // from now: no copy of the rest may start beside the thread's
      wake_.notify_one();
    }
  }
  if (!catch_up) return;
  caught_up_at_ = log_pages;
  catch_up_due_ = true;
}

void WalCheckpointer::after_batch() {
  if (!std::exchange(catch_up_due_, false)) return;
  const int rc = sqlite3_wal_checkpoint_v2(writer_db_.getHandle(), "main",
                                           SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  if (rc == SQLITE_OK) return;
  std::lock_guard lock(mutex_);
  if (put_off(rc)) {
    ++stats_.busy;  // the log starts over at a later rest
    return;
  }
  ++stats_.failed;
  spdlog::warn(R"(event=checkpoint_failed by=writer error="{}")", sqlite3_errstr(rc));
}

void WalCheckpointer::loop() {
  set_thread_name("wgbot-checkpoint");
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || wanted_; });
      if (stopping_) return;
      wanted_ = false;
    }
    checkpoint();
    std::lock_guard lock(mutex_);
    running_ = false;
  }
}

// On the thread: copies the log, again while commits keep landing at its end.
void WalCheckpointer::checkpoint() {
  try {
    if (!db_) db_ = open_database(path_, OpenMode::read_write);
  } catch (const std::exception& e) {
    spdlog::error(R"(event=checkpoint_failed by=thread error="{}")", e.what());
    std::lock_guard lock(mutex_);
    ++stats_.failed;
    return;
  }
  std::uint64_t generation = 0;
  {
    std::lock_guard lock(mutex_);
    generation = generation_;
  }
  int copied_before = -1;
  for (int pass = 0; pass < kMaxPasses; ++pass) {
    int log_pages = 0;
    int copied = 0;
    {
      std::lock_guard lock(mutex_);
      ++stats_.checkpoints;
    }
    const int rc = sqlite3_wal_checkpoint_v2(db_->getHandle(), "main", SQLITE_CHECKPOINT_PASSIVE,
                                             &log_pages, &copied);
    std::lock_guard lock(mutex_);
    if (put_off(rc)) {
      ++stats_.busy;  // tried again at once, or at the next quarter of a mark
      continue;
    }
    if (rc != SQLITE_OK) {
      ++stats_.failed;
      spdlog::warn(R"(event=checkpoint_failed by=thread error="{}")", sqlite3_errstr(rc));
      return;
    }
    if (generation_ != generation) return;  // the log started over meanwhile
    copied_generation_ = generation;
    copied_pages_ = copied;
    // All copied, or no progress (a reader still uses the pages left): the writer goes on.
    if (copied >= log_pages || copied == copied_before) return;
    copied_before = copied;
  }
}

}  // namespace wgbot::storage
