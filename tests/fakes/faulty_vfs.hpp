// Test-only SQLite VFS that wraps the default one and can make database file operations fail the
// way a sick disk or machine would (disk full, I/O error, corrupt pages, out of memory), so tests
// can drive real SQLite error codes out of a running transaction.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace wgbot::testing {

enum class StorageFault {
  none,
  disk_full,  // writes fail with SQLITE_FULL
  io_error,   // writes fail with SQLITE_IOERR_WRITE
  corrupt,    // page reads return garbage (SQLITE_CORRUPT); writes fail with SQLITE_IOERR_WRITE
              // meanwhile, so garbage SQLite read (e.g. for a checkpoint) never reaches the file
  no_memory,  // reads and writes fail with SQLITE_IOERR_NOMEM, which SQLite reports as SQLITE_NOMEM
  read_error,  // page reads fail with SQLITE_IOERR_READ; writes pass
};

// Only the main database file and its -wal file are affected; temp files, journals and the -shm
// index always pass through. Connections opened before install() use the old default VFS and are
// never affected. Unarmed, every call passes through unchanged.
// `corrupt` spares page 1 (the file header), so SQLite says SQLITE_CORRUPT, not SQLITE_NOTADB.
//
// Which statement fails depends on when SQLite touches the disk: writes normally reach the WAL at
// COMMIT (or earlier, when a small page cache spills), and reads only happen for pages that are not
// already in the connection's page cache (sqlite3_db_release_memory() empties it).
//
// A connection that read pages while `corrupt` was armed keeps the garbage in its page cache and
// keeps reporting SQLITE_CORRUPT after disarm(), as it would on a really corrupt disk. Drop those
// pages with sqlite3_db_release_memory() / PRAGMA shrink_memory, or reopen the connection.
class FaultyVfs {
 public:
  // Registers the VFS as the process-wide default (once; later calls just return it).
  static FaultyVfs& install();

  // From now until disarm(), matching file operations fail; with `times`, only that many, then
  // the VFS disarms itself (a fault that strikes once, mid-transaction). Any thread.
  // With `only_on`, only operations made on that thread fail (e.g. the writer's, not a reader's);
  // with `skip`, that many matching operations pass before the first fails.
  static constexpr int kAlways = -1;
  void arm(StorageFault fault, int times = kAlways, std::thread::id only_on = {}, int skip = 0);
  void disarm();
  StorageFault armed() const;

  // How many file operations have been failed or corrupted since the process started.
  int faults_injected() const;

  // From hold_database_syncs() until release_database_syncs(), syncs of main database files
  // wait (in WAL mode only a checkpoint syncs the main file): a checkpoint stuck on a slow disk.
  // Any thread.
  void hold_database_syncs();
  void release_database_syncs();
  // Waits at most `timeout` for a sync to be held; whether one is.
  bool wait_for_held_sync(std::chrono::milliseconds timeout);

  FaultyVfs(const FaultyVfs&) = delete;
  FaultyVfs& operator=(const FaultyVfs&) = delete;

 private:
  struct Shim;  // the sqlite3_vfs / sqlite3_io_methods callbacks, defined in the .cpp

  FaultyVfs() = default;
  void wait_while_syncs_held();

  std::atomic<StorageFault> armed_{StorageFault::none};
  std::atomic<int> faults_injected_{0};
  std::atomic<int> remaining_{kAlways};
  std::atomic<std::thread::id> only_on_{};
  std::atomic<int> skip_{0};
  std::mutex sync_mutex_;
  std::condition_variable sync_changed_;
  bool holding_syncs_ = false;
  int held_syncs_ = 0;
};

// Arms a fault for the lifetime of the object.
class ScopedStorageFault {
 public:
  explicit ScopedStorageFault(StorageFault fault, FaultyVfs& vfs = FaultyVfs::install(),
                              int times = FaultyVfs::kAlways)
      : vfs_(vfs) {
    vfs_.arm(fault, times);
  }
  ~ScopedStorageFault() { vfs_.disarm(); }

  ScopedStorageFault(const ScopedStorageFault&) = delete;
  ScopedStorageFault& operator=(const ScopedStorageFault&) = delete;

 private:
  FaultyVfs& vfs_;
};

}  // namespace wgbot::testing
