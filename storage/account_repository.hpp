// Platform accounts and their link to a member.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/model.hpp"

namespace wgbot::storage {

class Connection;

struct SeenAccount {
  std::string platform;
  std::string platform_user_id;
  std::string username;
  std::string display_name;
  std::string private_chat_id;  // set when the message came from a private chat
};

class AccountRepository {
 public:
  explicit AccountRepository(storage::Connection& db) : db_(db) {}

  // Records that the account wrote to the bot (creating it if new) and returns it. Writes only
  // what changed; the last-seen time is kept to the minute, so most updates write nothing.
  Account touch(const SeenAccount& seen, std::int64_t now);
  std::optional<Account> find(const std::string& platform, const std::string& user_id) const;
  std::optional<Account> by_id(std::int64_t id) const;
  // A Telegram @username linked to an active member.
  std::optional<Account> by_username(const std::string& platform,
                                     const std::string& username) const;
  std::vector<Account> for_member(std::int64_t member_id) const;
  // Links (or pre-links, for a roster import) an account to a member.
  std::int64_t link(const std::string& platform, const std::string& user_id, std::int64_t member_id,
                    std::int64_t now);
  // Where messages nobody asked for reach an active member: the preferred account if it has a
  // private chat, else the reachable account linked last; never a console.
  std::optional<Account> direct_chat(std::int64_t member_id) const;
  // Whether the member has ever started the bot from any platform account.
  bool has_started(std::int64_t member_id) const;

 private:
  storage::Connection& db_;
};

class InviteRepository {
 public:
  explicit InviteRepository(storage::Connection& db) : db_(db) {}

  void create(const std::string& code, std::int64_t member_id, std::int64_t now,
              std::int64_t expires_at);
  // Marks the code used and returns its member, or nullopt if unknown, used or expired.
  std::optional<std::int64_t> redeem(const std::string& code, std::int64_t account_id,
                                     std::int64_t now);

  // Wrong codes sent by an account within the window that started at its first recent failure
  // (0 when that window has passed).
  int recent_failures(std::int64_t account_id, std::int64_t now, std::int64_t window) const;
  void record_failure(std::int64_t account_id, std::int64_t now, std::int64_t window);
  void clear_failures(std::int64_t account_id);

 private:
  storage::Connection& db_;
};

}  // namespace wgbot::storage
