#include "storage/savepoint.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include "storage/connection.hpp"

namespace wgbot::storage {

// Savepoint names are identifiers chosen by our code, never user input; the few statements
// they make are kept compiled, as every writer job opens one.
Savepoint::Savepoint(storage::Connection& db, std::string name) : db_(db), name_(std::move(name)) {
  db_.prepare("SAVEPOINT " + name_)->exec();
}

Savepoint::~Savepoint() {
  if (!open_) return;
  try {
    rollback();
  } catch (...) {  // NOLINT(bugprone-empty-catch): a destructor must not throw
  }
}

void Savepoint::release() {
  db_.prepare("RELEASE " + name_)->exec();
  open_ = false;
}

void Savepoint::rollback() {
  open_ = false;
  db_.prepare("ROLLBACK TO " + name_)->exec();
  db_.prepare("RELEASE " + name_)->exec();
}

}  // namespace wgbot::storage
