// Chats the bot is in (groups, and private chats it has seen).
#pragma once

#include <cstdint>
#include <string>

namespace wgbot::storage {

class Connection;

class ChatRepository {
 public:
  explicit ChatRepository(storage::Connection& db) : db_(db) {}

  void upsert(const std::string& platform, const std::string& chat_id, bool group,
              const std::string& title, std::int64_t now);
  void set_active(const std::string& platform, const std::string& chat_id, bool active,
                  std::int64_t now);
  // The chat moved to a new id (Telegram group → supergroup).
  void migrate(const std::string& platform, const std::string& old_id, const std::string& new_id,
               std::int64_t now);
  bool is_active(const std::string& platform, const std::string& chat_id) const;

 private:
  storage::Connection& db_;
};

}  // namespace wgbot::storage
