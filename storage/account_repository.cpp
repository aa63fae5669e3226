#include "storage/account_repository.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include "storage/connection.hpp"
#include "storage/sql_values.hpp"

namespace wgbot::storage {

namespace {

constexpr std::int64_t kLastSeenResolutionSeconds = 60;

constexpr const char* kAccountColumns =
    "id, platform, platform_user_id, member_id, username, display_name, private_chat_id, started";

Account read_account(SQLite::Statement& q) {
  Account a;
  a.id = q.getColumn(0).getInt64();
  a.platform = q.getColumn(1).getString();
  a.platform_user_id = q.getColumn(2).getString();
  if (!q.getColumn(3).isNull()) a.member_id = q.getColumn(3).getInt64();
  a.username = q.getColumn(4).getString();
  a.display_name = q.getColumn(5).getString();
  a.private_chat_id = q.getColumn(6).getString();
  a.started = q.getColumn(7).getInt() != 0;
  return a;
}

}  // namespace

Account AccountRepository::touch(const SeenAccount& seen, std::int64_t now) {
  // Most updates change nothing: one read, and a write only when a field changed or the
  // last-seen time is more than a minute old. Only the writer writes, so read-then-write holds.
  // Built once: every update looks its sender up.
  static const std::string sql = std::string("SELECT ") + kAccountColumns +
                                 ", last_seen_at FROM accounts WHERE platform = ? AND "
                                 "platform_user_id = ?";
  auto q = db_.prepare(sql);
  q->bind(1, seen.platform);
  q->bind(2, seen.platform_user_id);
  if (!q->executeStep()) {
    q->reset();
    auto insert = db_.prepare(
        "INSERT INTO accounts (platform, platform_user_id, username, display_name, "
        "private_chat_id, started, last_seen_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5 <> '', ?6)");
    insert->bind(1, seen.platform);
    insert->bind(2, seen.platform_user_id);
    insert->bind(3, seen.username);
    insert->bind(4, seen.display_name);
    insert->bind(5, seen.private_chat_id);
    insert->bind(6, now);
    insert->exec();
    return *find(seen.platform, seen.platform_user_id);
  }
  Account account = read_account(*q);
  const auto last_seen = optional_int(q->getColumn(8));
  q->reset();
  bool changed = false;
  const auto take = [&changed](std::string& field, const std::string& seen_value) {
    if (seen_value.empty() || seen_value == field) return;
    field = seen_value;
    changed = true;
  };
  take(account.username, seen.username);
  take(account.display_name, seen.display_name);
  take(account.private_chat_id, seen.private_chat_id);
  if (!seen.private_chat_id.empty() && !account.started) {
    account.started = true;
    changed = true;
  }
  if (!changed && last_seen && *last_seen >= now - kLastSeenResolutionSeconds) return account;
  auto update = db_.prepare(
      "UPDATE accounts SET username = ?, display_name = ?, private_chat_id = ?, started = ?, "
      "last_seen_at = ? WHERE id = ?");
  update->bind(1, account.username);
  update->bind(2, account.display_name);
  update->bind(3, account.private_chat_id);
  update->bind(4, account.started ? 1 : 0);
  update->bind(5, now);
  update->bind(6, account.id);
  update->exec();
  return account;
}

std::optional<Account> AccountRepository::find(const std::string& platform,
                                               const std::string& user_id) const {
  auto q = db_.prepare(std::string("SELECT ") + kAccountColumns +
                       " FROM accounts WHERE platform = ? AND platform_user_id = ?");
  q->bind(1, platform);
  q->bind(2, user_id);
  if (!q->executeStep()) return std::nullopt;
  return read_account(*q);
}

std::optional<Account> AccountRepository::by_id(std::int64_t id) const {
  auto q = db_.prepare(std::string("SELECT ") + kAccountColumns + " FROM accounts WHERE id = ?");
  q->bind(1, id);
  if (!q->executeStep()) return std::nullopt;
  return read_account(*q);
}

std::optional<Account> AccountRepository::by_username(const std::string& platform,
                                                      const std::string& username) const {
  auto q = db_.prepare(std::string("SELECT a.") + kAccountColumns +
                       " FROM accounts a JOIN members m ON m.id = a.member_id "
                       "WHERE a.platform = ? AND a.username = ? COLLATE NOCASE "
                       "AND m.active = 1 LIMIT 1");
  q->bind(1, platform);
  q->bind(2, username);
  if (!q->executeStep()) return std::nullopt;
  return read_account(*q);
}

std::vector<Account> AccountRepository::for_member(std::int64_t member_id) const {
  auto q = db_.prepare(std::string("SELECT ") + kAccountColumns +
                       " FROM accounts WHERE member_id = ? ORDER BY linked_at, id");
  q->bind(1, member_id);
  std::vector<Account> out;
  while (q->executeStep()) out.push_back(read_account(*q));
  return out;
}

std::int64_t AccountRepository::link(const std::string& platform, const std::string& user_id,
                                     std::int64_t member_id, std::int64_t now) {
  auto q = db_.prepare(
      "INSERT INTO accounts (platform, platform_user_id, member_id, linked_at) "
      "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (platform, platform_user_id) "
      "DO UPDATE SET member_id = ?3, linked_at = ?4");
  q->bind(1, platform);
  q->bind(2, user_id);
  q->bind(3, member_id);
  q->bind(4, now);
  q->exec();
  return find(platform, user_id)->id;
}

std::optional<Account> AccountRepository::direct_chat(std::int64_t member_id) const {
  auto q = db_.prepare(std::string("SELECT a.") + kAccountColumns +
                       " FROM members m JOIN accounts a ON a.member_id = m.id "
                       "WHERE m.id = ? AND m.active = 1 AND a.private_chat_id <> '' "
                       "AND a.platform <> 'console' "
                       "ORDER BY (a.id IS m.preferred_account_id) DESC, a.linked_at DESC, "
                       "a.id DESC LIMIT 1");
  q->bind(1, member_id);
  if (!q->executeStep()) return std::nullopt;
  return read_account(*q);
}

bool AccountRepository::has_started(std::int64_t member_id) const {
  auto q = db_.prepare(
      "SELECT EXISTS (SELECT 1 FROM accounts WHERE member_id = ? AND started = 1 "
      "AND platform <> 'console')");
  q->bind(1, member_id);
  q->executeStep();
  return q->getColumn(0).getInt() != 0;
}

void InviteRepository::create(const std::string& code, std::int64_t member_id, std::int64_t now,
                              std::int64_t expires_at) {
  SQLite::Statement q(
      db_, "INSERT INTO invites (code, member_id, created_at, expires_at) VALUES (?,?,?,?)");
  q.bind(1, code);
  q.bind(2, member_id);
  q.bind(3, now);
  q.bind(4, expires_at);
  q.exec();
}

std::optional<std::int64_t> InviteRepository::redeem(const std::string& code,
                                                     std::int64_t account_id, std::int64_t now) {
  auto q = db_.prepare(
      "UPDATE invites SET used_at = ?1, used_by_account_id = ?2 "
      "WHERE code = ?3 AND used_at IS NULL AND expires_at > ?1 "
      "RETURNING member_id");
  q->bind(1, now);
  q->bind(2, account_id);
  q->bind(3, code);
  if (!q->executeStep()) return std::nullopt;
  return q->getColumn(0).getInt64();
}

int InviteRepository::recent_failures(std::int64_t account_id, std::int64_t now,
                                      std::int64_t window) const {
  auto q =
      db_.prepare("SELECT failures FROM invite_failures WHERE account_id = ? AND window_start > ?");
  q->bind(1, account_id);
  q->bind(2, now - window);
  return q->executeStep() ? q->getColumn(0).getInt() : 0;
}

void InviteRepository::record_failure(std::int64_t account_id, std::int64_t now,
                                      std::int64_t window) {
  // A failure after the window has passed starts a new window.
  auto q = db_.prepare(
      "INSERT INTO invite_failures (account_id, failures, window_start) VALUES (?1, 1, ?2) "
      "ON CONFLICT (account_id) DO UPDATE SET "
      "failures = CASE WHEN window_start > ?3 THEN failures + 1 ELSE 1 END, "
      "window_start = CASE WHEN window_start > ?3 THEN window_start ELSE ?2 END");
  q->bind(1, account_id);
  q->bind(2, now);
  q->bind(3, now - window);
  q->exec();
}

void InviteRepository::clear_failures(std::int64_t account_id) {
  auto q = db_.prepare("DELETE FROM invite_failures WHERE account_id = ?");
  q->bind(1, account_id);
  q->exec();
}

}  // namespace wgbot::storage
