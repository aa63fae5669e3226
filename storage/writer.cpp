#include "storage/writer.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <algorithm>
#include <future>

#include "core/thread_name.hpp"
#include "storage/connection.hpp"
#include "storage/outbox_repository.hpp"
#include "storage/savepoint.hpp"
#include "storage/storage_error.hpp"
#include "storage/wal_checkpointer.hpp"

namespace wgbot::storage {

namespace {

// Thrown inside a batch to abandon it: the storage failed, so no job of it may be kept.
struct BatchAborted {
  boost::system::error_code code;
  std::string error;
};

// SQLite ends the transaction by itself after some errors (a full disk while spilling, an I/O
// error, out of memory); what the batch did so far is gone, and going on would run the rest
// outside any transaction.
bool transaction_lost(storage::Connection& db) {
  return sqlite3_get_autocommit(db.getHandle()) != 0;
}

bool in_wal_mode(storage::Connection& db) {
  return db.execAndGet("PRAGMA journal_mode").getString() == "wal";
}

void on_row_changed(void* changes, int operation, const char* database, const char* table,
                    sqlite3_int64 rowid) {
  if (std::string_view(database) != "main") return;
  auto* commit = static_cast<CommitChanges*>(changes);
  if (std::string_view(table) == "outbox")
    commit->note_outbox_row(operation == SQLITE_INSERT, rowid);
  if (operation == SQLITE_INSERT) commit->note_insert(table);
}

}  // namespace

bool CommitChanges::inserted(std::string_view table) const {
  return std::find(inserted_.begin(), inserted_.end(), table) != inserted_.end();
}

void CommitChanges::note_insert(std::string_view table) {
  if (!inserted(table)) inserted_.emplace_back(table);
}

void CommitChanges::note_outbox_row(bool inserted, std::int64_t rowid) {
  if (inserted) {
    ++outbox_inserts_;
    if (lowest_outbox_insert_ == 0 || rowid < lowest_outbox_insert_) lowest_outbox_insert_ = rowid;
  } else if (lowest_outbox_insert_ != 0 && rowid >= lowest_outbox_insert_) {
    outbox_rewritten_ = true;
  }
}

void CommitChanges::clear() {
  inserted_.clear();
  outbox_inserts_ = 0;
  lowest_outbox_insert_ = 0;
  outbox_rewritten_ = false;
  outbox_.reset();
}

Writer::Writer(std::unique_ptr<storage::Connection> db, WriterOptions options)
    : db_(std::move(db)), options_(options) {
  sqlite3_update_hook(db_->getHandle(), &on_row_changed, &changes_);
  db_->capture_outbox(&captured_outbox_);
  if (options_.background_checkpoint_pages > 0 && in_wal_mode(*db_)) {
    checkpointer_ = std::make_unique<WalCheckpointer>(*db_, options_.background_checkpoint_pages);
  }
  thread_ = std::thread([this] { loop(); });
}

Writer::~Writer() {
  stop();
  checkpointer_.reset();  // before the connection it watches
}

// One decision under one lock: refused when stopping, or (for bounded work) when the queue is
// full; else queued. `done` of a refused job runs on the calling thread.
void Writer::enqueue(Entry entry, bool bounded) {
  WriteStatus refused = WriteStatus::ok;
  {
    std::lock_guard lock(mutex_);
    if (stopping_) {
      refused = WriteStatus::stopped;
    } else if (bounded && options_.max_queue > 0 && queue_.size() >= options_.max_queue) {
      refused = WriteStatus::overloaded;
      ++stats_.refused;
    } else {
      queue_.push_back(std::move(entry));
      wake_.notify_one();
      return;
    }
  }
  if (!entry.done) return;
  if (refused == WriteStatus::stopped) {
    entry.done(WriteResult{WriteStatus::stopped, "the database writer is stopped", {}});
  } else {
    entry.done(
        WriteResult{WriteStatus::overloaded, "too many updates are waiting for the database", {}});
  }
}

void Writer::submit(Job job, Done done, Rerun rerun) {
  enqueue(Entry{std::move(job), std::move(done), std::nullopt, rerun}, false);
}

void Writer::try_submit(Job job, Done done, Deadline deadline, Rerun rerun) {
  enqueue(Entry{std::move(job), std::move(done), deadline, rerun}, true);
}

void Writer::flush() {
  std::promise<void> finished;
  auto future = finished.get_future();
  submit([](storage::Connection&) {}, [&finished](const WriteResult&) { finished.set_value(); });
  future.wait();
}

void Writer::set_after_commit(std::function<void(const CommitChanges&)> hook) {
  std::lock_guard lock(mutex_);
  after_commit_ = std::move(hook);
}

void Writer::set_after_commit(std::function<void()> hook) {
  if (!hook) {
    set_after_commit(std::function<void(const CommitChanges&)>{});
    return;
  }
  set_after_commit([hook = std::move(hook)](const CommitChanges&) { hook(); });
}

void Writer::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    wake_.notify_one();
  }
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

CheckpointStats Writer::checkpoint_stats() const {
  return checkpointer_ ? checkpointer_->stats() : CheckpointStats{};
}

std::size_t Writer::queued() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

Writer::Stats Writer::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void Writer::loop() {
  set_thread_name("wgbot-writer");
  std::deque<Entry> batch;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      while (!queue_.empty() && batch.size() < options_.max_batch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    run_batch(batch);
    batch.clear();
  }
}

void Writer::run_jobs(std::deque<Entry>& batch, std::vector<WriteResult>& results, bool& any_ok) {
  const auto started = std::chrono::steady_clock::now();
  const bool all_rerun = std::all_of(batch.begin(), batch.end(),
                                     [](const Entry& e) { return e.rerun == Rerun::safe; });
  if (all_rerun && run_without_savepoints(batch, results, any_ok, started)) return;
  run_with_savepoints(batch, results, any_ok, started);
}

namespace {

// Whether the job may go on (else it waited too long for the database: refused unrun).
bool in_time(const std::optional<Writer::Deadline>& deadline, Writer::Deadline started,
             WriteResult& result) {
  if (!deadline || *deadline >= started) return true;
  result = WriteResult{WriteStatus::overloaded, "waited too long for the database", {}};
  return false;
}

// A job that swallowed an error after SQLite had rolled back must not let the rest run outside
// the transaction.
void check_transaction_kept(storage::Connection& db) {
  if (transaction_lost(db)) {
    throw BatchAborted{make_error_code(StorageErrc::rolled_back),
                       "SQLite rolled the transaction back"};
  }
}

// A storage error, or an error after which SQLite ended the transaction, ends the batch.
void abort_if_storage_failed(storage::Connection& db, const std::exception& e) {
  if (const auto code = storage_error_of(e)) throw BatchAborted{code, e.what()};
  if (transaction_lost(db)) throw BatchAborted{make_error_code(StorageErrc::rolled_back), e.what()};
}

// Marks the connection for jobs while the batch runs without savepoints.
class RerunMark {
 public:
  explicit RerunMark(storage::Connection& db) : db_(db) { db_.set_batch_reruns_on_failure(true); }
  ~RerunMark() { db_.set_batch_reruns_on_failure(false); }
  RerunMark(const RerunMark&) = delete;
  RerunMark& operator=(const RerunMark&) = delete;

 private:
  storage::Connection& db_;
};

}  // namespace

// False when a job threw (not a storage error): nothing of the batch is kept, and what the
// update hook and enqueue noted of it is forgotten, for the run with savepoints.
bool Writer::run_without_savepoints(std::deque<Entry>& batch, std::vector<WriteResult>& results,
                                    bool& any_ok, Deadline started) {
  {
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    const RerunMark mark(*db_);
    bool failed = false;
    for (std::size_t i = 0; i < batch.size() && !failed; ++i) {
      if (!in_time(batch[i].deadline, started, results[i])) continue;
      try {
        batch[i].job(*db_);
      } catch (const std::exception& e) {
        abort_if_storage_failed(*db_, e);
        failed = true;
        continue;
      }
      check_transaction_kept(*db_);
      any_ok = true;
    }
    if (!failed) {
      tx.commit();
      hand_over_outbox();
      return true;
    }
  }  // rolled back
  std::fill(results.begin(), results.end(), WriteResult{});
  any_ok = false;
  changes_.clear();
  captured_outbox_.clear();
  return false;
}

void Writer::run_with_savepoints(std::deque<Entry>& batch, std::vector<WriteResult>& results,
                                 bool& any_ok, Deadline started) {
  SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (!in_time(batch[i].deadline, started, results[i])) continue;
    // A savepoint per job: one failing job must not undo its neighbours.
    const std::size_t captured_before = captured_outbox_.size();
    const std::size_t inserts_before = changes_.outbox_inserts_;
    Savepoint job(*db_, "job");
    try {
      batch[i].job(*db_);
    } catch (const std::exception& e) {
      abort_if_storage_failed(*db_, e);
      job.rollback();
      captured_outbox_.resize(captured_before);
      changes_.outbox_inserts_ = inserts_before;
      results[i] = WriteResult{WriteStatus::job_failed, e.what(), {}};
      continue;
    }
    check_transaction_kept(*db_);
    job.release();
    any_ok = true;
  }
  tx.commit();
  hand_over_outbox();
}

// The rows are every row the batch inserted in the outbox only if enqueue wrote each of them
// (no other statement inserted one) and none was changed again before the commit. SQLite gives
// a new row MAX(id) + 1, so the first row's id tells the highest id before the batch.
void Writer::hand_over_outbox() {
  if (!captured_outbox_.empty() && captured_outbox_.size() == changes_.outbox_inserts_ &&
      !changes_.outbox_rewritten_) {
    auto committed = std::make_shared<CommittedOutbox>();
    committed->previous_top = captured_outbox_.front().id - 1;
    committed->top = captured_outbox_.back().id;
    committed->rows = std::move(captured_outbox_);
    changes_.outbox_ = std::move(committed);
  }
  captured_outbox_.clear();
}

void Writer::run_batch(std::deque<Entry>& batch) {
  std::vector<WriteResult> results(batch.size());
  bool any_ok = false;
  // Only a batch that changed rows wakes the listeners: a read-only job (a sender marking
  // nothing, a metrics probe) must not wake them into another round, forever.
  const int changes_before = db_->getTotalChanges();
  changes_.clear();
  captured_outbox_.clear();
  auto abandon = [&](boost::system::error_code code, const std::string& error) {
    spdlog::error(R"(event=batch_abandoned jobs={} error="{}" cause="{}")", batch.size(),
                  code.message(), error);
    for (auto& r : results) {
      if (r.status != WriteStatus::overloaded)
        r = WriteResult{WriteStatus::unavailable, error, code};
    }
    any_ok = false;
  };
  try {
    run_jobs(batch, results, any_ok);
  } catch (const BatchAborted& aborted) {
    abandon(aborted.code, aborted.error);
  } catch (const std::exception& e) {  // BEGIN, a savepoint or COMMIT failed
    auto code = storage_error_of(e);
    if (!code) code = make_error_code(StorageErrc::io);
    abandon(code, e.what());
  }
  std::function<void(const CommitChanges&)> hook;
  {
    std::lock_guard lock(mutex_);
    stats_.jobs += batch.size();
    ++stats_.commits;
    for (const auto& r : results) stats_.failures += r.ok() ? 0 : 1;
    hook = after_commit_;
  }
  // Listeners first, so a caller that sees its job done also sees them woken.
  if (any_ok && hook && db_->getTotalChanges() != changes_before) hook(changes_);
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (batch[i].done) batch[i].done(results[i]);
  }
  // After the answers: the jobs of this batch do not wait for it, only the next batch does.
  if (checkpointer_) checkpointer_->after_batch();
}

}  // namespace wgbot::storage
