#include "storage/storage_error.hpp"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <string>

namespace wgbot::storage {

namespace {

class StorageCategory final : public boost::system::error_category {
 public:
  [[nodiscard]] const char* name() const noexcept override { return "wgbot.storage"; }
  [[nodiscard]] std::string message(int value) const override {
    switch (static_cast<StorageErrc>(value)) {
      case StorageErrc::busy:
        return "the database is busy";
      case StorageErrc::full:
        return "the disk or the database is full";
      case StorageErrc::io:
        return "the database could not be read or written (I/O error)";
      case StorageErrc::corrupt:
        return "the database file is damaged";
      case StorageErrc::no_memory:
        return "out of memory";
      case StorageErrc::read_only:
        return "the database cannot be written";
      case StorageErrc::rolled_back:
        return "the transaction was rolled back after an error";
    }
    return "unknown storage error";
  }
};

}  // namespace

const boost::system::error_category& storage_category() noexcept {
  static const StorageCategory category;
  return category;
}

boost::system::error_code make_error_code(StorageErrc e) noexcept {
  return {static_cast<int>(e), storage_category()};
}

boost::system::error_code storage_error_from_sqlite(int result_code) noexcept {
  switch (result_code & 0xff) {  // the primary code; extended codes only refine it
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return make_error_code(StorageErrc::busy);
    case SQLITE_FULL:
      return make_error_code(StorageErrc::full);
    case SQLITE_IOERR:
      return make_error_code(StorageErrc::io);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return make_error_code(StorageErrc::corrupt);
    case SQLITE_NOMEM:
      return make_error_code(StorageErrc::no_memory);
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      return make_error_code(StorageErrc::read_only);
    default:
      return {};
  }
}

boost::system::error_code storage_error_of(const std::exception& e) noexcept {
  if (const auto* sqlite = dynamic_cast<const SQLite::Exception*>(&e)) {
    // Exceptions SQLiteCpp builds from a result code alone have no extended code (-1).
    const int extended = sqlite->getExtendedErrorCode();
    return storage_error_from_sqlite(extended >= 0 ? extended : sqlite->getErrorCode());
  }
  if (dynamic_cast<const std::bad_alloc*>(&e) != nullptr) {
    return make_error_code(StorageErrc::no_memory);
  }
  return {};
}

}  // namespace wgbot::storage
