// A nested transaction: changes since construction are kept by release() and undone by
// rollback() or by destruction without release(), leaving the enclosing transaction intact.
#pragma once

#include <string>

namespace SQLite {
class Database;
}

namespace wgbot::storage {

class Savepoint {
 public:
  Savepoint(SQLite::Database& db, std::string name);
  ~Savepoint();
  Savepoint(const Savepoint&) = delete;
  Savepoint& operator=(const Savepoint&) = delete;

  void release();
  void rollback();

 private:
  SQLite::Database& db_;
  std::string name_;
  bool open_ = true;
};

}  // namespace wgbot::storage
