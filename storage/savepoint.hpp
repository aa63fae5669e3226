// A nested transaction: changes since construction are kept by release() and undone by
// rollback() or by destruction without release(), leaving the enclosing transaction intact.
#pragma once

#include <string>

namespace wgbot::storage {

class Connection;

class Savepoint {
 public:
  Savepoint(storage::Connection& db, std::string name);
  ~Savepoint();
  Savepoint(const Savepoint&) = delete;
  Savepoint& operator=(const Savepoint&) = delete;

  void release();
  void rollback();

 private:
  storage::Connection& db_;
  std::string name_;
  bool open_ = true;
};

}  // namespace wgbot::storage
