// One process per database: an exclusive lock on a file beside it, released by the kernel when
// the holder exits or dies, so a crash never leaves a stale lock behind.
#pragma once

#include <optional>
#include <string>

namespace wgbot::storage {

class DbLock {
 public:
  // Takes the lock for the database at `db_path`, or throws std::runtime_error with one line
  // naming the process that holds it.
  explicit DbLock(const std::string& db_path);
  ~DbLock();
  DbLock(const DbLock&) = delete;
  DbLock& operator=(const DbLock&) = delete;

  static std::string lock_path_for(const std::string& db_path);

 private:
  int fd_ = -1;
};

}  // namespace wgbot::storage
