#include "storage/reminder_repository.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace wgbot::storage {

std::int64_t ReminderRepository::count_due(std::int64_t now) const {
  SQLite::Statement q(db_,
                      "SELECT COUNT(*) FROM reminders WHERE status = 'active' AND next_at <= ?");
  q.bind(1, now);
  q.executeStep();
  return q.getColumn(0).getInt64();
}

}  // namespace wgbot::storage
