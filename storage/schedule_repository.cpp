#include "storage/schedule_repository.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include "storage/account_repository.hpp"
#include "storage/connection.hpp"
#include "storage/member_repository.hpp"
#include "storage/sql_values.hpp"

#include <algorithm>
#include <utility>

namespace wgbot::storage {

namespace {

constexpr const char* kTaskColumns =
    "id, title, status, due_at, created_at, assigner_id, nudge_from, nudge_last_slot, "
    "overdue_reminders, escalated_at, nudge_failures";

// Each query's WHERE repeats its partial index's WHERE term for term, which is what lets SQLite
// use the index; INDEXED BY pins the choice (without ANALYZE statistics the planner prefers
// tasks_status_due for "status = 'open'", a scan of every open task) and makes a query that
// could not use its index fail to prepare instead of silently scanning.
constexpr const char* kUnplannedWhere = "status = 'open' AND nudge_plan_due IS NOT due_at";
constexpr const char* kStaleWhere = "status <> 'open' AND nudge_plan_due IS NOT NULL";

const std::string& due_tasks_sql() {
  static const std::string sql = std::string("SELECT ") + kTaskColumns +
                                 " FROM tasks INDEXED BY tasks_nudge_due "
                                 "WHERE nudge_at IS NOT NULL AND nudge_at <= ? "
                                 "AND status = 'open' ORDER BY nudge_at LIMIT ?";
  return sql;
}
const std::string& unplanned_sql() {
  static const std::string sql = std::string("SELECT ") + kTaskColumns +
                                 " FROM tasks INDEXED BY tasks_nudge_unplanned WHERE " +
                                 kUnplannedWhere + " ORDER BY id LIMIT ?";
  return sql;
}
const std::string& drop_stale_sql() {
  static const std::string sql =
      std::string("UPDATE tasks SET nudge_at = NULL, nudge_plan_due = NULL WHERE id IN ") +
      "(SELECT id FROM tasks INDEXED BY tasks_nudge_stale WHERE " + kStaleWhere + " LIMIT ?)";
  return sql;
}
const std::string& any_unplanned_sql() {
  static const std::string sql =
      std::string("SELECT 1 FROM tasks INDEXED BY tasks_nudge_unplanned WHERE ") + kUnplannedWhere +
      " UNION ALL SELECT 1 FROM tasks INDEXED BY tasks_nudge_stale WHERE " + kStaleWhere +
      " LIMIT 1";
  return sql;
}
constexpr const char* kNextReminderSql =
    "SELECT next_at FROM reminders WHERE status = 'active' AND next_at IS NOT NULL "
    "ORDER BY next_at LIMIT 1";
constexpr const char* kNextTaskSql =
    "SELECT nudge_at FROM tasks INDEXED BY tasks_nudge_due WHERE nudge_at IS NOT NULL "
    "ORDER BY nudge_at LIMIT 1";
// The WHERE and ORDER BY of ReminderRepository::due.
constexpr const char* kDueRemindersSql =
    "SELECT r.id FROM reminders r JOIN members m ON m.id = r.member_id "
    "WHERE r.status = 'active' AND r.next_at <= ? ORDER BY r.next_at LIMIT ?";

std::vector<TaskNudgeRow> read_tasks(SQLite::Statement& q) {
  std::vector<TaskNudgeRow> out;
  while (q.executeStep()) {
    TaskNudgeRow t;
    t.id = q.getColumn(0).getInt64();
    t.title = q.getColumn(1).getString();
    t.status = q.getColumn(2).getString();
    t.due_at = optional_int(q.getColumn(3));
    t.created_at = q.getColumn(4).getInt64();
    t.assigner_id = q.getColumn(5).getInt64();
    t.nudge_from = optional_int(q.getColumn(6));
    t.nudge_last_slot = optional_int(q.getColumn(7));
    t.overdue_reminders = q.getColumn(8).getInt();
    t.escalated_at = optional_int(q.getColumn(9));
    t.nudge_failures = q.getColumn(10).getInt();
    out.push_back(std::move(t));
  }
  return out;
}

std::optional<std::int64_t> first_int(storage::Connection& db, const char* sql) {
  auto q = db.prepare(sql);
  if (!q->executeStep()) return std::nullopt;
  return optional_int(q->getColumn(0));
}

}  // namespace

int ScheduleRepository::drop_stale_plans(int limit) {
  auto q = db_.prepare(drop_stale_sql());
  q->bind(1, limit);
  return q->exec();
}

std::vector<TaskNudgeRow> ScheduleRepository::unplanned(int limit) const {
  auto q = db_.prepare(unplanned_sql());
  q->bind(1, limit);
  return read_tasks(*q);
}

std::vector<TaskNudgeRow> ScheduleRepository::due(std::int64_t now, int limit) const {
  auto q = db_.prepare(due_tasks_sql());
  q->bind(1, now);
  q->bind(2, limit);
  return read_tasks(*q);
}

void ScheduleRepository::save(std::int64_t task_id, const TaskNudgeUpdate& u) {
  auto q = db_.prepare(
      "UPDATE tasks SET nudge_at = ?, nudge_plan_due = ?, nudge_from = ?, "
      "nudge_last_slot = ?, overdue_reminders = ?, escalated_at = ?, "
      "last_nudge_at = COALESCE(?, last_nudge_at), nudge_failures = 0 WHERE id = ?");
  bind_optional(*q, 1, u.nudge_at);
  bind_optional(*q, 2, u.plan_due);
  bind_optional(*q, 3, u.from);
  bind_optional(*q, 4, u.last_slot);
  q->bind(5, u.overdue_reminders);
  bind_optional(*q, 6, u.escalated_at);
  bind_optional(*q, 7, u.sent_at);
  q->bind(8, task_id);
  q->exec();
}

int ScheduleRepository::record_failure(std::int64_t task_id, const std::string& error,
                                       std::optional<std::int64_t> retry_at) {
  auto q = db_.prepare(
      "UPDATE tasks SET nudge_failures = nudge_failures + 1, nudge_error = ?, nudge_at = ? "
      "WHERE id = ? RETURNING nudge_failures");
  q->bind(1, error);
  bind_optional(*q, 2, retry_at);
  q->bind(3, task_id);
  return q->executeStep() ? q->getColumn(0).getInt() : 0;
}

std::optional<std::int64_t> ScheduleRepository::lead_of(std::int64_t task_id) const {
  auto q = db_.prepare(
      "SELECT member_id FROM task_assignees WHERE task_id = ? "
      "ORDER BY lead DESC, position, member_id LIMIT 1");
  q->bind(1, task_id);
  if (!q->executeStep()) return std::nullopt;
  return q->getColumn(0).getInt64();
}

std::vector<std::int64_t> ScheduleRepository::standing_members() const {
  auto q = db_.prepare("SELECT id FROM members WHERE role = 'standing' AND active = 1 ORDER BY id");
  std::vector<std::int64_t> out;
  while (q->executeStep()) out.push_back(q->getColumn(0).getInt64());
  return out;
}

std::optional<std::string> ScheduleRepository::member_name(std::int64_t member_id) const {
  auto q = db_.prepare("SELECT name FROM members WHERE id = ?");
  q->bind(1, member_id);
  if (!q->executeStep()) return std::nullopt;
  return q->getColumn(0).getString();
}

std::optional<Recipient> ScheduleRepository::recipient(std::int64_t member_id) const {
  const auto account = AccountRepository(db_).direct_chat(member_id);
  if (!account) return std::nullopt;
  const auto member = MemberRepository(db_).by_id(member_id);
  if (!member) return std::nullopt;
  return Recipient{member->id, member->name, member->lang, account->platform,
                   account->private_chat_id};
}

std::optional<std::int64_t> ScheduleRepository::next_due(std::int64_t now) const {
  {
    auto q = db_.prepare(any_unplanned_sql());
    if (q->executeStep()) return now;
  }
  const auto reminder = first_int(db_, kNextReminderSql);
  const auto task = first_int(db_, kNextTaskSql);
  if (reminder && task) return std::min(*reminder, *task);
  return reminder ? reminder : task;
}

std::vector<std::string> ScheduleRepository::explain_due_queries() const {
  const std::vector<std::pair<std::string, std::string>> queries = {
      {"due reminders", kDueRemindersSql},       {"due tasks", due_tasks_sql()},
      {"tasks to plan", unplanned_sql()},        {"plans to drop", drop_stale_sql()},
      {"any task to plan", any_unplanned_sql()}, {"next reminder", kNextReminderSql},
      {"next task nudge", kNextTaskSql},
  };
  std::vector<std::string> out;
  for (const auto& [name, sql] : queries) {
    for (const std::string& step : db_.query_plan(sql)) out.push_back(name + ": " + step);
  }
  return out;
}

}  // namespace wgbot::storage
