#include "storage/reminder_repository.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include "storage/connection.hpp"
#include "storage/sql_values.hpp"

namespace wgbot::storage {

namespace {

constexpr const char* kColumns =
    "r.id, r.member_id, r.platform, r.chat_id, r.text, r.start_at, r.next_at, r.rrule, "
    "r.skip_holidays, r.status, r.fired_count, r.last_fired_at, r.failures";

Reminder read_reminder(SQLite::Statement& q) {
  Reminder r;
  r.id = q.getColumn(0).getInt64();
  r.member_id = q.getColumn(1).getInt64();
  r.platform = q.getColumn(2).getString();
  r.chat_id = q.getColumn(3).getString();
  r.text = q.getColumn(4).getString();
  r.start_at = q.getColumn(5).getInt64();
  r.next_at = optional_int(q.getColumn(6));
  if (!q.getColumn(7).isNull()) r.rrule = q.getColumn(7).getString();
  r.skip_holidays = q.getColumn(8).getInt() != 0;
  r.status = q.getColumn(9).getString();
  r.fired_count = q.getColumn(10).getInt();
  r.last_fired_at = optional_int(q.getColumn(11));
  r.failures = q.getColumn(12).getInt();
  return r;
}

}  // namespace

std::int64_t ReminderRepository::count_due(std::int64_t now) const {
  auto q = db_.prepare("SELECT COUNT(*) FROM reminders WHERE status = 'active' AND next_at <= ?");
  q->bind(1, now);
  q->executeStep();
  return q->getColumn(0).getInt64();
}

std::int64_t ReminderRepository::add(const NewReminder& r, std::int64_t now) {
  auto q = db_.prepare(
      "INSERT INTO reminders (member_id, platform, chat_id, text, start_at, "
      "next_at, rrule, skip_holidays, created_at) VALUES (?,?,?,?,?,?,?,?,?)");
  q->bind(1, r.member_id);
  q->bind(2, r.platform);
  q->bind(3, r.chat_id);
  q->bind(4, r.text);
  q->bind(5, r.start_at);
  q->bind(6, r.start_at);
  bind_optional(*q, 7, r.rrule);
  q->bind(8, r.skip_holidays ? 1 : 0);
  q->bind(9, now);
  q->exec();
  return db_.getLastInsertRowid();
}

std::optional<Reminder> ReminderRepository::by_id(std::int64_t id) const {
  auto q = db_.prepare(std::string("SELECT ") + kColumns + " FROM reminders r WHERE r.id = ?");
  q->bind(1, id);
  if (!q->executeStep()) return std::nullopt;
  return read_reminder(*q);
}

std::vector<Reminder> ReminderRepository::active_for_member(std::int64_t member_id,
                                                            int limit) const {
  auto q = db_.prepare(std::string("SELECT ") + kColumns +
                       " FROM reminders r WHERE r.member_id = ? AND r.status = 'active' "
                       "ORDER BY r.next_at, r.id LIMIT ?");
  q->bind(1, member_id);
  q->bind(2, limit);
  std::vector<Reminder> out;
  while (q->executeStep()) out.push_back(read_reminder(*q));
  return out;
}

std::int64_t ReminderRepository::count_active_for_member(std::int64_t member_id) const {
  auto q = db_.prepare("SELECT COUNT(*) FROM reminders WHERE member_id = ? AND status = 'active'");
  q->bind(1, member_id);
  q->executeStep();
  return q->getColumn(0).getInt64();
}

bool ReminderRepository::cancel(std::int64_t id, std::int64_t member_id) {
  auto q = db_.prepare(
      "UPDATE reminders SET status = 'cancelled' "
      "WHERE id = ? AND member_id = ? AND status = 'active'");
  q->bind(1, id);
  q->bind(2, member_id);
  return q->exec() > 0;
}

void ReminderRepository::reschedule(std::int64_t id, std::int64_t next_at) {
  auto q = db_.prepare("UPDATE reminders SET status = 'active', next_at = ? WHERE id = ?");
  q->bind(1, next_at);
  q->bind(2, id);
  q->exec();
}

std::vector<DueReminder> ReminderRepository::due(std::int64_t now, int limit) const {
  auto q = db_.prepare(std::string("SELECT ") + kColumns +
                       ", m.lang, m.active FROM reminders r "
                       "JOIN members m ON m.id = r.member_id "
                       "WHERE r.status = 'active' AND r.next_at <= ? "
                       "ORDER BY r.next_at LIMIT ?");
  q->bind(1, now);
  q->bind(2, limit);
  std::vector<DueReminder> out;
  while (q->executeStep()) {
    DueReminder d;
    d.reminder = read_reminder(*q);
    d.member_lang = q->getColumn(13).getString();
    d.member_active = q->getColumn(14).getInt() != 0;
    out.push_back(std::move(d));
  }
  return out;
}

void ReminderRepository::mark_fired(std::int64_t id, std::int64_t now,
                                    std::optional<std::int64_t> next_at) {
  auto q = db_.prepare(
      "UPDATE reminders SET fired_count = fired_count + 1, last_fired_at = ?, "
      "next_at = ?, status = ?, failures = 0 WHERE id = ?");
  q->bind(1, now);
  bind_optional(*q, 2, next_at);
  q->bind(3, next_at ? "active" : "done");
  q->bind(4, id);
  q->exec();
}

void ReminderRepository::mark_cancelled(std::int64_t id) {
  auto q = db_.prepare("UPDATE reminders SET status = 'cancelled' WHERE id = ?");
  q->bind(1, id);
  q->exec();
}

int ReminderRepository::record_failure(std::int64_t id, const std::string& error,
                                       std::optional<std::int64_t> retry_at) {
  auto q = db_.prepare(
      "UPDATE reminders SET failures = failures + 1, error = ?1, "
      "next_at = COALESCE(?2, next_at), status = CASE WHEN ?2 IS NULL THEN 'cancelled' "
      "ELSE status END WHERE id = ?3 RETURNING failures");
  q->bind(1, error);
  bind_optional(*q, 2, retry_at);
  q->bind(3, id);
  return q->executeStep() ? q->getColumn(0).getInt() : 0;
}

std::optional<std::int64_t> ReminderRepository::next_due() const {
  auto q = db_.prepare("SELECT MIN(next_at) FROM reminders WHERE status = 'active'");
  q->executeStep();
  return optional_int(q->getColumn(0));
}

}  // namespace wgbot::storage
