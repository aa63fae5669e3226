#include "storage/unit_repository.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include "storage/connection.hpp"

namespace wgbot::storage {

namespace {

Unit read_unit(SQLite::Statement& q) {
  Unit u;
  u.id = q.getColumn(0).getInt64();
  u.name = q.getColumn(1).getString();
  u.short_name = q.getColumn(2).getString();
  if (!q.getColumn(3).isNull()) u.contact_member_id = q.getColumn(3).getInt64();
  return u;
}

}  // namespace

std::int64_t UnitRepository::add(const std::string& name, const std::string& short_name,
                                 std::int64_t now) {
  auto q = db_.prepare("INSERT INTO units (name, short, created_at) VALUES (?,?,?)");
  q->bind(1, name);
  q->bind(2, short_name);
  q->bind(3, now);
  q->exec();
  return db_.getLastInsertRowid();
}

std::optional<Unit> UnitRepository::by_id(std::int64_t id) const {
  auto q = db_.prepare("SELECT id, name, short, contact_member_id FROM units WHERE id = ?");
  q->bind(1, id);
  if (!q->executeStep()) return std::nullopt;
  return read_unit(*q);
}

std::optional<Unit> UnitRepository::find(const std::string& short_or_name) const {
  auto q = db_.prepare(
      "SELECT id, name, short, contact_member_id FROM units "
      "WHERE short = ?1 OR name = ?1 ORDER BY (short = ?1) DESC LIMIT 1");
  q->bind(1, short_or_name);
  if (!q->executeStep()) return std::nullopt;
  return read_unit(*q);
}

std::vector<UnitRepository::UnitSummary> UnitRepository::list_with_counts() const {
  auto q = db_.prepare(
      "SELECT u.id, u.name, u.short, u.contact_member_id, "
      "(SELECT COUNT(*) FROM members m WHERE m.unit_id = u.id AND m.active = 1), "
      "(SELECT COUNT(DISTINCT t.id) FROM tasks t JOIN task_assignees a ON a.task_id = t.id "
      "  JOIN members m ON m.id = a.member_id "
      "  WHERE a.lead = 1 AND m.unit_id = u.id AND t.status = 'open') "
      "FROM units u ORDER BY u.id");
  std::vector<UnitSummary> out;
  while (q->executeStep()) {
    UnitSummary s;
    s.unit = read_unit(*q);
    s.members = q->getColumn(4).getInt();
    s.open_tasks = q->getColumn(5).getInt();
    out.push_back(std::move(s));
  }
  return out;
}

void UnitRepository::set_contact(std::int64_t unit_id, std::int64_t member_id) {
  auto q = db_.prepare("UPDATE units SET contact_member_id = ? WHERE id = ?");
  q->bind(1, member_id);
  q->bind(2, unit_id);
  q->exec();
}

}  // namespace wgbot::storage
