#include "storage/database.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include "storage/connection.hpp"

#include <filesystem>
#include <stdexcept>

namespace wgbot::storage {

namespace {
constexpr int kBusyTimeoutMs = 5000;
}

void ensure_parent_directory(const std::string& path) {
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
}

std::unique_ptr<storage::Connection> open_database(const std::string& path, OpenMode mode) {
  try {
    int flags = SQLite::OPEN_READONLY;
    if (mode == OpenMode::read_write) {
      ensure_parent_directory(path);
      flags = SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE;
    }
    auto db = std::make_unique<Connection>(path, flags | SQLite::OPEN_NOMUTEX);
    db->setBusyTimeout(kBusyTimeoutMs);
    if (mode == OpenMode::read_write) db->exec("PRAGMA journal_mode=WAL");
    db->exec("PRAGMA synchronous=FULL");
    db->exec("PRAGMA foreign_keys=ON");
    return db;
  } catch (const std::exception& e) {
    throw std::runtime_error("cannot open database " + path + ": " + e.what());
  }
}

}  // namespace wgbot::storage
