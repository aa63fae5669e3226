// Online backup of a live database with SQLite's backup API.
#pragma once

#include <string>

namespace wgbot::storage {

// Copies `db_path` to `target_path` while the bot may keep writing: the copy is one consistent
// snapshot. The target is created with mode 0600 and replaced only once the copy is complete.
// Throws std::runtime_error.
void backup_database(const std::string& db_path, const std::string& target_path);

}  // namespace wgbot::storage
