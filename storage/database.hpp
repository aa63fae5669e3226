// Opening the SQLite file with the pragmas every connection needs.
#pragma once

#include <memory>
#include <string>

namespace wgbot::storage {

class Connection;

enum class OpenMode { read_write, read_only };

// Opens (creating when needed) the database at `path`: WAL, synchronous=FULL, foreign keys on,
// a busy timeout. Read-write: the file is created 0600 and an existing one (with its -wal and
// -shm) is narrowed to 0600, whatever the umask; SQLite gives -wal and -shm the database file's
// mode. Throws std::runtime_error with a one-line reason on failure.
std::unique_ptr<storage::Connection> open_database(const std::string& path,
                                                   OpenMode mode = OpenMode::read_write);

// Creates the parent directory of `path` (and any missing ancestor) 0700 if it does not exist;
// an existing directory is left as it is.
void ensure_parent_directory(const std::string& path);

// Creates `path` 0600 if it does not exist, and narrows it to 0600 if it does (owner read and
// write only: the files hold personal data and secrets). Throws std::runtime_error.
void make_private_file(const std::string& path);

}  // namespace wgbot::storage
