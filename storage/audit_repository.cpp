#include "storage/audit_repository.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include "storage/connection.hpp"

namespace wgbot::storage {

void AuditRepository::write(const AuditEntry& e) {
  auto q = db_.prepare(
      "INSERT INTO audit_log (at, actor, action, target, before, after) "
      "VALUES (?,?,?,?,?,?)");
  q->bind(1, e.at);
  q->bind(2, e.actor);
  q->bind(3, e.action);
  q->bind(4, e.target);
  q->bind(5, e.before);
  q->bind(6, e.after);
  q->exec();
}

std::vector<AuditEntry> AuditRepository::recent(int limit) const {
  auto q = db_.prepare(
      "SELECT id, at, actor, action, target, before, after FROM audit_log "
      "ORDER BY id DESC LIMIT ?");
  q->bind(1, limit);
  std::vector<AuditEntry> out;
  while (q->executeStep()) {
    out.push_back(AuditEntry{q->getColumn(0).getInt64(), q->getColumn(1).getInt64(),
                             q->getColumn(2).getString(), q->getColumn(3).getString(),
                             q->getColumn(4).getString(), q->getColumn(5).getString(),
                             q->getColumn(6).getString()});
  }
  return out;
}

std::optional<std::string> StateRepository::get(const std::string& key) const {
  auto q = db_.prepare("SELECT value FROM state WHERE key = ?");
  q->bind(1, key);
  if (!q->executeStep()) return std::nullopt;
  return q->getColumn(0).getString();
}

void StateRepository::set(const std::string& key, const std::string& value) {
  auto q = db_.prepare(
      "INSERT INTO state (key, value) VALUES (?1, ?2) "
      "ON CONFLICT (key) DO UPDATE SET value = ?2");
  q->bind(1, key);
  q->bind(2, value);
  q->exec();
}

std::map<std::string, std::string> StateRepository::settings() const {
  auto q = db_.prepare("SELECT key, value FROM settings");
  std::map<std::string, std::string> out;
  while (q->executeStep()) out.emplace(q->getColumn(0).getString(), q->getColumn(1).getString());
  return out;
}

void StateRepository::set_setting(const std::string& key, const std::string& value,
                                  std::int64_t now, const std::string& by) {
  auto q = db_.prepare(
      "INSERT INTO settings (key, value, updated_at, updated_by) "
      "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (key) DO UPDATE SET value = ?2, "
      "updated_at = ?3, updated_by = ?4");
  q->bind(1, key);
  q->bind(2, value);
  q->bind(3, now);
  q->bind(4, by);
  q->exec();
}

}  // namespace wgbot::storage
