#include "storage/digest_repository.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include "storage/connection.hpp"
#include "storage/sql_values.hpp"

namespace wgbot::storage {

std::vector<DigestTaskRow> DigestRepository::tracked_tasks() const {
  // One pass over the tasks; the lead (at most one per task) and its unit come by primary key.
  auto q = db_.prepare(
      "SELECT t.id, t.title, t.status, t.due_at, t.created_at, t.done_at, t.last_progress_at, "
      "t.overdue_reminders, t.escalated_at IS NOT NULL, m.name, u.id, u.name "
      "FROM tasks t "
      "LEFT JOIN task_assignees a ON a.task_id = t.id AND a.lead = 1 "
      "LEFT JOIN members m ON m.id = a.member_id "
      "LEFT JOIN units u ON u.id = COALESCE(a.unit_id, m.unit_id) "
      "WHERE t.status <> 'cancelled' ORDER BY t.id");
  std::vector<DigestTaskRow> rows;
  while (q->executeStep()) {
    DigestTaskRow row;
    row.task.id = q->getColumn(0).getInt64();
    row.task.title = q->getColumn(1).getString();
    row.task.status = task_status_from_key(q->getColumn(2).getString());
    row.task.due_at = optional_int(q->getColumn(3));
    row.task.created_at = q->getColumn(4).getInt64();
    row.task.done_at = optional_int(q->getColumn(5));
    row.task.last_progress_at = optional_int(q->getColumn(6));
    row.overdue_reminders = q->getColumn(7).getInt();
    row.escalated = q->getColumn(8).getInt() != 0;
    row.lead_name = q->getColumn(9).isNull() ? std::string() : q->getColumn(9).getString();
    row.unit_id = optional_int(q->getColumn(10));
    row.unit_name = q->getColumn(11).isNull() ? std::string() : q->getColumn(11).getString();
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<DigestUnit> DigestRepository::units() const {
  auto q = db_.prepare("SELECT id, name FROM units ORDER BY id");
  std::vector<DigestUnit> units;
  while (q->executeStep()) {
    units.push_back(DigestUnit{q->getColumn(0).getInt64(), q->getColumn(1).getString()});
  }
  return units;
}

std::int64_t DigestRepository::created_since(std::int64_t since) const {
  auto q =
      db_.prepare("SELECT COUNT(*) FROM tasks WHERE created_at >= ? AND status <> 'cancelled'");
  q->bind(1, since);
  q->executeStep();
  return q->getColumn(0).getInt64();
}

std::int64_t DigestRepository::completed_since(std::int64_t since) const {
  auto q = db_.prepare("SELECT COUNT(*) FROM tasks WHERE status = 'done' AND done_at >= ?");
  q->bind(1, since);
  q->executeStep();
  return q->getColumn(0).getInt64();
}

std::vector<DigestSubscriber> DigestRepository::subscribers(
    const std::vector<std::string>& roles) const {
  auto q = db_.prepare("SELECT id, role, lang FROM members WHERE active = 1 ORDER BY id");
  std::vector<DigestSubscriber> out;
  while (q->executeStep()) {
    const std::string role = q->getColumn(1).getString();
    for (const auto& wanted : roles) {
      if (wanted == role) {
        out.push_back(DigestSubscriber{q->getColumn(0).getInt64(), q->getColumn(2).getString()});
        break;
      }
    }
  }
  return out;
}

bool DigestRepository::was_sent(const std::string& day, std::int64_t member_id) const {
  auto q = db_.prepare("SELECT 1 FROM digests_sent WHERE day = ? AND member_id = ?");
  q->bind(1, day);
  q->bind(2, member_id);
  return q->executeStep();
}

bool DigestRepository::record_sent(const std::string& day, std::int64_t member_id, std::int64_t at,
                                   bool late) {
  auto q = db_.prepare(
      "INSERT INTO digests_sent (day, member_id, sent_at, late) VALUES (?,?,?,?) "
      "ON CONFLICT (day, member_id) DO NOTHING");
  q->bind(1, day);
  q->bind(2, member_id);
  q->bind(3, at);
  q->bind(4, late ? 1 : 0);
  return q->exec() == 1;
}

std::optional<std::int64_t> DigestRepository::last_sent_at(std::int64_t member_id) const {
  auto q = db_.prepare("SELECT MAX(sent_at) FROM digests_sent WHERE member_id = ?");
  q->bind(1, member_id);
  if (!q->executeStep()) return std::nullopt;
  return optional_int(q->getColumn(0));
}

std::int64_t DigestRepository::sent_count(const std::string& day) const {
  auto q = db_.prepare("SELECT COUNT(*) FROM digests_sent WHERE day = ?");
  q->bind(1, day);
  q->executeStep();
  return q->getColumn(0).getInt64();
}

}  // namespace wgbot::storage
