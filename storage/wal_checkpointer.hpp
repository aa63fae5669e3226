// Copies the write-ahead log back into the database file on a thread of its own.
//
// SQLite runs that copy (a checkpoint) inside the commit that takes the log past its mark, on
// the committing thread: the commit returns only after a thousand page writes and a sync of the
// database file, and every job queued behind it waits as long. Here, past the mark, a thread of
// its own copies the log through a connection of its own while the writer goes on committing (a
// checkpoint never blocks a writer or a reader, and a crash in the middle of one loses nothing:
// the log keeps every committed page until it starts over).
//
// The log starts over only if the writer begins a transaction while all of it is copied, which
// a copy running beside a busy writer never leaves it: the writer's next commit adds frames
// first. So once the thread has copied all but the last commit or so, the writer copies that
// short rest itself once its batch is answered (a hundred pages or so and a sync), and its next
// transaction starts the log over.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

struct sqlite3;

namespace wgbot::storage {

class Connection;

struct CheckpointStats {
  std::uint64_t checkpoints = 0;  // copies started by the thread
  std::uint64_t catch_ups = 0;    // short rests copied by the writer after its commit
  std::uint64_t restarts = 0;     // times the log started over
  std::uint64_t busy = 0;         // copies put off: another copy was running, or the writer was
                                  // changing the log's index at that moment
  std::uint64_t failed = 0;       // copies that failed (an I/O error, a database that cannot open)
};

class WalCheckpointer {
 public:
  // Takes checkpointing over from `writer_db` (whose own automatic checkpoints stop) once a
  // commit leaves at least `mark_pages` pages in its log. `writer_db` must outlive this object;
  // it is a file database in WAL mode.
  WalCheckpointer(Connection& writer_db, int mark_pages);
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  [[nodiscard]] CheckpointStats stats() const;

  // On the writer's thread, after a batch's jobs were told their results: copies the rest of the
  // log if a commit of the batch found it due.
  void after_batch();

 private:
  static int after_commit(void* self, sqlite3* db, const char* schema, int log_pages);
  void on_commit(int log_pages);
  void loop();
  void checkpoint();

  Connection& writer_db_;
  const int mark_pages_;
  std::string path_;
  std::unique_ptr<Connection> db_;  // the thread's

  // The writer's thread only.
  int last_log_pages_ = 0;
  int woken_at_ = 0;      // the log's length when the thread was last asked to copy
  int caught_up_at_ = 0;  // the log's length at the writer's last copy of the rest
  bool catch_up_due_ = false;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool wanted_ = false;
  bool running_ = false;
  bool stopping_ = false;
  // The log's generation (it grows each time the log starts over) and how many of its pages the
  // thread's last copy in that generation reached.
  std::uint64_t generation_ = 0;
  std::uint64_t copied_generation_ = 0;
  int copied_pages_ = 0;
  CheckpointStats stats_;
  std::thread thread_;
};

}  // namespace wgbot::storage
