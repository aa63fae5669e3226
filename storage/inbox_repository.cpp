#include "storage/inbox_repository.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include "storage/connection.hpp"

namespace wgbot::storage {

std::optional<std::int64_t> InboxRepository::insert(const std::string& platform,
                                                    const std::string& update_key,
                                                    const std::string& payload, std::int64_t now) {
  auto q = db_.prepare(
      "INSERT INTO inbox (platform, update_key, received_at, payload, status) "
      "VALUES (?,?,?,?,'handled') ON CONFLICT (platform, update_key) DO NOTHING");
  q->bind(1, platform);
  q->bind(2, update_key);
  q->bind(3, now);
  q->bind(4, payload);
  if (q->exec() == 0) return std::nullopt;
  return db_.getLastInsertRowid();
}

void InboxRepository::mark_failed(std::int64_t id, const std::string& error) {
  auto q = db_.prepare("UPDATE inbox SET status = 'failed', error = ? WHERE id = ?");
  q->bind(1, error);
  q->bind(2, id);
  q->exec();
}

std::int64_t InboxRepository::count() const {
  return db_.execAndGet("SELECT COUNT(*) FROM inbox").getInt64();
}

}  // namespace wgbot::storage
