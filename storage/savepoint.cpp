#include "storage/savepoint.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include "storage/connection.hpp"

namespace wgbot::storage {

// Savepoint names are identifiers chosen by our code, never user input.
Savepoint::Savepoint(storage::Connection& db, std::string name) : db_(db), name_(std::move(name)) {
  db_.exec("SAVEPOINT " + name_);
}

Savepoint::~Savepoint() {
  if (!open_) return;
  try {
    rollback();
  } catch (...) {  // NOLINT(bugprone-empty-catch): a destructor must not throw
  }
}

void Savepoint::release() {
  db_.exec("RELEASE " + name_);
  open_ = false;
}

void Savepoint::rollback() {
  open_ = false;
  db_.exec("ROLLBACK TO " + name_);
  db_.exec("RELEASE " + name_);
}

}  // namespace wgbot::storage
