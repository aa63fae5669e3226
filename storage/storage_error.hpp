// The project's own names for what can go wrong beneath the data: SQLite's result codes that mean
// the database itself could not do the work (full, I/O, corrupt, out of memory, busy), as opposed
// to a mistake in the code that used it (a constraint, a misuse, a bad query). Callers decide by
// these values: a storage error is answered "try again later" and nothing of the work is kept;
// anything else is a bug in that one piece of work.
#pragma once

#include <boost/system/error_code.hpp>

#include <exception>
#include <type_traits>

namespace wgbot::storage {

enum class StorageErrc {
  busy = 1,     // another connection holds the lock past the busy timeout (SQLITE_BUSY, _LOCKED)
  full,         // the disk or the database's size limit is full (SQLITE_FULL)
  io,           // the operating system failed a read, write or sync (SQLITE_IOERR_*)
  corrupt,      // the file is damaged (SQLITE_CORRUPT, SQLITE_NOTADB)
  no_memory,    // an allocation failed (SQLITE_NOMEM)
  read_only,    // the file cannot be written (SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_PERM)
  rolled_back,  // SQLite ended the transaction on its own after an error; the work is gone
};

const boost::system::error_category& storage_category() noexcept;
boost::system::error_code make_error_code(StorageErrc e) noexcept;

// The storage error for SQLite's (extended) result code; a default (empty) error_code when the
// code is not one: constraint, misuse, a bad statement — errors of the caller, not the storage.
boost::system::error_code storage_error_from_sqlite(int result_code) noexcept;

// The storage error behind an exception thrown while using the database (SQLiteCpp throws
// SQLite::Exception with the result code); empty when it is not a storage error.
boost::system::error_code storage_error_of(const std::exception& e) noexcept;

}  // namespace wgbot::storage

template <>
struct boost::system::is_error_code_enum<wgbot::storage::StorageErrc> : std::true_type {};
