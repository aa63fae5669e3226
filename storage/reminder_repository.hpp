// Reminders: one-off and recurring messages to a chat.
#pragma once

#include <cstdint>

namespace SQLite {
class Database;
}

namespace wgbot::storage {

class ReminderRepository {
 public:
  explicit ReminderRepository(SQLite::Database& db) : db_(db) {}
  // Active reminders whose time has come (for the metrics gauge).
  std::int64_t count_due(std::int64_t now) const;

 private:
  SQLite::Database& db_;
};

}  // namespace wgbot::storage
