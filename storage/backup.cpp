#include "storage/backup.hpp"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>
#include <stdexcept>

#include "storage/connection.hpp"
#include "storage/database.hpp"

namespace wgbot::storage {

void backup_database(const std::string& db_path, const std::string& target_path) {
  if (!std::filesystem::exists(db_path)) {
    throw std::runtime_error("database " + db_path + " does not exist");
  }
  try {
    auto source = open_database(db_path);
    ensure_parent_directory(target_path);
    make_private_file(target_path);
    storage::Connection target(target_path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    SQLite::Backup backup(target, *source);
    backup.executeStep(-1);  // all pages in one step; retried by SQLite while the source changes
  } catch (const SQLite::Exception& e) {
    throw std::runtime_error("backup to " + target_path + " failed: " + e.what());
  }
}

}  // namespace wgbot::storage
