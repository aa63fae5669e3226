#include "storage/chat_repository.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include "storage/connection.hpp"

namespace wgbot::storage {

void ChatRepository::upsert(const std::string& platform, const std::string& chat_id, bool group,
                            const std::string& title, std::int64_t now) {
  auto q = db_.prepare(
      "INSERT INTO chats (platform, chat_id, kind, title, updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (platform, chat_id) DO UPDATE SET "
      "title = CASE WHEN ?4 <> '' THEN ?4 ELSE title END, updated_at = ?5");
  q->bind(1, platform);
  q->bind(2, chat_id);
  q->bind(3, group ? "group" : "private");
  q->bind(4, title);
  q->bind(5, now);
  q->exec();
}

void ChatRepository::set_active(const std::string& platform, const std::string& chat_id,
                                bool active, std::int64_t now) {
  auto q = db_.prepare(
      "UPDATE chats SET active = ?, updated_at = ?, "
      "blocked_at = CASE WHEN ? THEN NULL ELSE ? END "
      "WHERE platform = ? AND chat_id = ?");
  q->bind(1, active ? 1 : 0);
  q->bind(2, now);
  q->bind(3, active ? 1 : 0);
  q->bind(4, now);
  q->bind(5, platform);
  q->bind(6, chat_id);
  q->exec();
}

void ChatRepository::migrate(const std::string& platform, const std::string& old_id,
                             const std::string& new_id, std::int64_t now) {
  auto q = db_.prepare(
      "UPDATE chats SET chat_id = ?, updated_at = ? WHERE platform = ? AND "
      "chat_id = ? AND NOT EXISTS (SELECT 1 FROM chats WHERE platform = ? AND "
      "chat_id = ?)");
  q->bind(1, new_id);
  q->bind(2, now);
  q->bind(3, platform);
  q->bind(4, old_id);
  q->bind(5, platform);
  q->bind(6, new_id);
  q->exec();
  auto moved = db_.prepare(
      "UPDATE outbox SET chat_id = ? WHERE platform = ? AND chat_id = ? AND "
      "status = 'pending'");
  moved->bind(1, new_id);
  moved->bind(2, platform);
  moved->bind(3, old_id);
  moved->exec();
}

bool ChatRepository::is_active(const std::string& platform, const std::string& chat_id) const {
  auto q = db_.prepare("SELECT active FROM chats WHERE platform = ? AND chat_id = ?");
  q->bind(1, platform);
  q->bind(2, chat_id);
  return !q->executeStep() || q->getColumn(0).getInt() != 0;
}

}  // namespace wgbot::storage
