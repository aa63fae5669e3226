// Opening the SQLite file with the pragmas every connection needs.
#pragma once

#include <memory>
#include <string>

namespace wgbot::storage {

class Connection;

enum class OpenMode { read_write, read_only };

// Opens (creating when needed) the database at `path`: WAL, synchronous=FULL, foreign keys on,
// a busy timeout. Throws std::runtime_error with a one-line reason on failure.
std::unique_ptr<storage::Connection> open_database(const std::string& path,
                                                   OpenMode mode = OpenMode::read_write);

// Creates the parent directory of `path` if it does not exist.
void ensure_parent_directory(const std::string& path);

}  // namespace wgbot::storage
