// The one thread that owns the write connection. Callers from any thread enqueue jobs; every
// job that arrived while the previous commit was in flight shares the next transaction (group
// commit), so durability (synchronous=FULL) does not cost one fsync per request.
//
// A job that throws a storage error (see storage_error.hpp), or after which SQLite has ended the
// transaction on its own, aborts its whole batch: nothing of the batch is kept and every job in
// it is told `unavailable`, so no caller reports as stored what was not. Any other exception is
// that job's bug: its savepoint is undone and the rest of the batch commits.
//
// A savepoint per job costs a copy of every page the job changes. A batch whose jobs may all be
// run again (Rerun::safe) is first run without them; should one throw, the batch is rolled back
// and run again with a savepoint per job, which then keeps the rule above.
#pragma once

#include <boost/system/error_code.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <vector>

#include "storage/wal_checkpointer.hpp"

namespace wgbot::storage {

class Connection;
struct CommittedOutbox;
struct CommittedOutboxRow;

enum class WriteStatus {
  ok,           // the job ran and its changes are committed
  job_failed,   // the job threw; its changes were rolled back, the rest of the batch committed
  unavailable,  // a storage error (busy, full, I/O, corrupt, memory): nothing of the batch is kept
  overloaded,   // refused without running: the queue was full, or the job waited past its deadline
  stopped,      // the writer was stopped before the job ran
};

struct WriteResult {
  WriteStatus status = WriteStatus::ok;
  std::string error;
  boost::system::error_code code;  // the storage error, for `unavailable`
  [[nodiscard]] bool ok() const { return status == WriteStatus::ok; }
};

// What a committed batch changed, for listeners that care only about some of it.
class CommitChanges {
 public:
  // Whether a job of the batch inserted rows into `table` (rowid tables only: SQLite reports
  // no row of a WITHOUT ROWID table).
  [[nodiscard]] bool inserted(std::string_view table) const;
  // The outbox rows the batch wrote, as OutboxRepository::enqueue wrote them: null unless every
  // row the batch's committed jobs inserted there came through it and none was changed again in
  // the batch (then a sender reads the outbox instead).
  [[nodiscard]] const std::shared_ptr<const CommittedOutbox>& outbox() const { return outbox_; }

  // From SQLite's update hook.
  void note_insert(std::string_view table);
  void note_outbox_row(bool inserted, std::int64_t rowid);
  void clear();

 private:
  friend class Writer;
  std::vector<std::string> inserted_;  // a few table names: a vector beats a set
  std::size_t outbox_inserts_ = 0;     // by the jobs not undone
  std::int64_t lowest_outbox_insert_ = 0;
  bool outbox_rewritten_ = false;  // a row inserted in the batch was updated or deleted
  std::shared_ptr<const CommittedOutbox> outbox_;
};

// Whether a job may run again after its transaction was rolled back: it only writes the
// database, and it assigns (never accumulates) what it hands to its `done`.
enum class Rerun { unsafe, safe };

struct WriterOptions {
  std::size_t max_batch = 512;  // jobs per transaction
  // Jobs offered with try_submit are refused while this many wait (0: no bound).
  std::size_t max_queue = 0;
  // Past this many pages in the write-ahead log, a thread of its own copies it back into the
  // database file (WalCheckpointer) while the writer goes on. 0: SQLite does it inside the commit
  // that passes its 1,000 pages, and the jobs behind that commit wait for it.
  int background_checkpoint_pages = 0;
};

class Writer {
 public:
  using Job = std::function<void(storage::Connection&)>;
  using Done = std::function<void(const WriteResult&)>;

  struct Stats {
    std::uint64_t jobs = 0;
    std::uint64_t commits = 0;
    std::uint64_t failures = 0;
    std::uint64_t refused = 0;  // try_submit calls turned away by a full queue
  };

  using Deadline = std::chrono::steady_clock::time_point;

  explicit Writer(std::unique_ptr<storage::Connection> db, WriterOptions options = {});
  ~Writer();
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // Queues `job`; `done` runs on the writer thread once the batch is committed (or failed).
  void submit(Job job, Done done, Rerun rerun = Rerun::unsafe);
  // For work that may be refused (a platform redelivers it): like submit, unless max_queue jobs
  // are waiting, or the job would start after `deadline`; then `done` gets `overloaded` without
  // the job running (on the calling thread when the queue is full).
  void try_submit(Job job, Done done, Deadline deadline, Rerun rerun = Rerun::unsafe);

  // Waits until everything queued before the call has been committed or failed. Not from the
  // writer thread.
  void flush();

  // Runs `fn(db)` and blocks until its batch is committed; returns its result or throws
  // std::runtime_error. For the CLI, tests and start-up, never for an I/O thread.
  template <typename Fn>
  auto run(Fn&& fn) -> std::invoke_result_t<Fn&, storage::Connection&>;

  // Called on the writer thread after every commit in which an ok job changed rows.
  void set_after_commit(std::function<void(const CommitChanges&)> hook);
  void set_after_commit(std::function<void()> hook);

  // Finishes what is queued, then ends the thread. Idempotent.
  void stop();

  [[nodiscard]] Stats stats() const;
  // Jobs waiting for their batch (not counting the batch being run).
  [[nodiscard]] std::size_t queued() const;
  // What the background checkpoints did so far (all 0 without background_checkpoint_pages).
  [[nodiscard]] CheckpointStats checkpoint_stats() const;

 private:
  struct Entry {
    Job job;
    Done done;
    std::optional<Deadline> deadline;
    Rerun rerun = Rerun::unsafe;
  };
  void enqueue(Entry entry, bool bounded);
  void loop();
  void run_batch(std::deque<Entry>& batch);
  void run_jobs(std::deque<Entry>& batch, std::vector<WriteResult>& results, bool& any_ok);
  bool run_without_savepoints(std::deque<Entry>& batch, std::vector<WriteResult>& results,
                              bool& any_ok, Deadline started);
  void run_with_savepoints(std::deque<Entry>& batch, std::vector<WriteResult>& results,
                           bool& any_ok, Deadline started);
  void hand_over_outbox();

  std::unique_ptr<storage::Connection> db_;
  WriterOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Entry> queue_;
  bool stopping_ = false;
  std::function<void(const CommitChanges&)> after_commit_;
  CommitChanges changes_;  // of the batch being run; written by SQLite's update hook
  std::vector<CommittedOutboxRow> captured_outbox_;  // by the batch's enqueue calls
  Stats stats_;
  std::unique_ptr<WalCheckpointer> checkpointer_;
  std::thread thread_;
};

template <typename Fn>
auto Writer::run(Fn&& fn) -> std::invoke_result_t<Fn&, storage::Connection&> {
  using Result = std::invoke_result_t<Fn&, storage::Connection&>;
  auto promise = std::make_shared<std::promise<void>>();
  auto future = promise->get_future();
  std::conditional_t<std::is_void_v<Result>, int, std::optional<Result>> value{};
  submit(
      [&fn, &value](storage::Connection& db) {
        if constexpr (std::is_void_v<Result>) {
          (void)value;  // captured for the other branch only
          fn(db);
        } else {
          value.emplace(fn(db));
        }
      },
      [promise](const WriteResult& r) {
        if (r.ok()) {
          promise->set_value();
        } else {
          promise->set_exception(std::make_exception_ptr(std::runtime_error(r.error)));
        }
      });
  future.get();
  if constexpr (!std::is_void_v<Result>) return std::move(*value);
}

}  // namespace wgbot::storage
