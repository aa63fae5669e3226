#include "storage/task_repository.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <limits>

#include "storage/connection.hpp"
#include "storage/sql_values.hpp"

namespace wgbot {

std::string_view task_status_key(TaskStatus status) {
  switch (status) {
    case TaskStatus::open:
      return "open";
    case TaskStatus::done:
      return "done";
    case TaskStatus::cancelled:
      return "cancelled";
  }
  return "open";
}

TaskStatus task_status_from_key(std::string_view key) {
  if (key == "done") return TaskStatus::done;
  if (key == "cancelled") return TaskStatus::cancelled;
  return TaskStatus::open;
}

std::optional<std::int64_t> TaskRecord::lead_id() const {
  for (const auto& a : assignees) {
    if (a.lead) return a.member_id;
  }
  return std::nullopt;
}

bool TaskRecord::has_assignee(std::int64_t member_id) const {
  return std::any_of(assignees.begin(), assignees.end(),
                     [&](const TaskAssignee& a) { return a.member_id == member_id; });
}

namespace storage {

namespace {

constexpr const char* kTaskColumns =
    "t.id, t.title, t.src, t.assigner_id, t.status, t.due_at, t.progress, t.created_at, "
    "t.acked_at, t.done_at, t.last_progress_at, t.origin_platform, t.origin_chat_id";

Task read_task(SQLite::Statement& q) {
  Task t;
  t.id = q.getColumn(0).getInt64();
  t.title = q.getColumn(1).getString();
  t.src = q.getColumn(2).getString();
  t.assigner_id = q.getColumn(3).getInt64();
  t.status = task_status_from_key(q.getColumn(4).getString());
  t.due_at = optional_int(q.getColumn(5));
  t.progress = q.getColumn(6).getInt();
  t.created_at = q.getColumn(7).getInt64();
  t.acked_at = optional_int(q.getColumn(8));
  t.done_at = optional_int(q.getColumn(9));
  t.last_progress_at = optional_int(q.getColumn(10));
  t.origin_platform = q.getColumn(11).getString();
  t.origin_chat_id = q.getColumn(12).getString();
  return t;
}

void exec_update(storage::Connection& db, const char* sql, std::int64_t task_id) {
  auto q = db.prepare(sql);
  q->bind(1, task_id);
  q->exec();
}

// The WHERE clause for the filters that are set, so each can use its index; parameters are
// numbered by filter and bound by bind_filters.
std::string task_filter(const TaskQuery& query) {
  std::string where = " WHERE 1";
  // With a person or a unit to start from, their few tasks are read by id; "+" keeps SQLite
  // from walking every task of that status through tasks_status_due instead.
  const bool narrow = query.assignee_id || query.unit_id;
  if (query.status) where += narrow ? " AND +t.status = ?1" : " AND t.status = ?1";
  if (query.assignee_id) {
    where += " AND t.id IN (SELECT task_id FROM task_assignees WHERE member_id = ?2)";
  }
  if (query.unit_id) {
    where +=
        " AND t.id IN (SELECT task_id FROM task_assignees WHERE unit_id = ?3 "
        "UNION SELECT a.task_id FROM members m JOIN task_assignees a ON a.member_id = m.id "
        "WHERE m.unit_id = ?3)";
  }
  if (query.due_before) where += " AND t.due_at < ?4";
  if (query.visible_to) {
    where +=
        " AND (t.assigner_id = ?5 OR EXISTS (SELECT 1 FROM task_assignees v "
        "WHERE v.task_id = t.id AND (v.member_id = ?5 OR v.unit_id = ?6)))";
  }
  return where;
}

void bind_filters(SQLite::Statement& q, const TaskQuery& query) {
  if (query.status) q.bind(1, std::string(task_status_key(*query.status)));
  if (query.assignee_id) q.bind(2, *query.assignee_id);
  if (query.unit_id) q.bind(3, *query.unit_id);
  if (query.due_before) q.bind(4, *query.due_before);
  if (query.visible_to) {
    q.bind(5, query.visible_to->member_id);
    bind_optional(q, 6, query.visible_to->unit_id);  // NULL matches no unit
  }
}

const char* order_clause(TaskOrder order) {
  switch (order) {
    case TaskOrder::by_due:
      return " ORDER BY t.due_at IS NULL, t.due_at, t.id";
    case TaskOrder::recently_done:
      return " ORDER BY t.done_at IS NULL, t.done_at DESC, t.due_at IS NULL, t.due_at, t.id";
  }
  return "";
}

// A person's tasks of one status by due date, with no other filter (the commonest list, /tasks):
// read in order from task_assignees_by_due (see persons_page_sql).
bool is_persons_list_by_due(const TaskQuery& query) {
  return query.assignee_id && query.status && !query.unit_id && !query.due_before &&
         !query.visible_to && query.order == TaskOrder::by_due;
}

// The person's stretch of the index is already in the list's order (the due key puts undated
// tasks last, as order_clause does): the page is its first rows, joined to the table for them
// alone, with no sort and nothing held aside; the count walks the same stretch.
std::string persons_page_sql() {
  return std::string("SELECT ") + kTaskColumns +
         " FROM task_assignees a INDEXED BY task_assignees_by_due CROSS JOIN tasks t "
         "ON t.id = a.task_id WHERE a.member_id = ?2 AND a.task_status = ?1 "
         "ORDER BY a.task_due_key, a.task_id LIMIT ?7 OFFSET ?8";
}

constexpr const char* kPersonsCountSql =
    "SELECT COUNT(*) FROM task_assignees INDEXED BY task_assignees_by_due "
    "WHERE member_id = ?2 AND task_status = ?1";

// The page and, in its last column, how many tasks match in all: one pass over the matching
// tasks instead of a count and then the page. That pass reads tasks_listing, which holds every
// column a filter or an order needs; only the page's rows are read from the table. A person's or
// a unit's list names the index, as SQLite would otherwise look each task up by its id in the
// table (without ANALYZE statistics it cannot tell that the index is cheaper).
std::string page_sql(const TaskQuery& query) {
  const bool narrow = query.assignee_id || query.unit_id;
  const std::string order = order_clause(query.order);
  return std::string("WITH page AS (SELECT t.id, COUNT(*) OVER () AS total FROM tasks t") +
         (narrow ? " INDEXED BY tasks_listing" : "") + task_filter(query) + order +
         " LIMIT ?7 OFFSET ?8) SELECT " + kTaskColumns +
         ", page.total FROM page JOIN tasks t ON t.id = page.id" + order;
}

constexpr int kTotalColumn = 13;  // after the kTaskColumns

// task_assignees.task_due_key of an undated task: after every date, as order_clause puts it
// (the same value as in the schema's triggers).
constexpr std::int64_t kUndatedDueKey = std::numeric_limits<std::int64_t>::max();

}  // namespace

std::int64_t TaskRepository::create(const NewTask& task) {
  auto q = db_.prepare(
      "INSERT INTO tasks (title, src, assigner_id, status, due_at, created_at, "
      "origin_platform, origin_chat_id) VALUES (?,?,?,'open',?,?,?,?)");
  q->bind(1, task.title);
  q->bind(2, task.src);
  q->bind(3, task.assigner_id);
  bind_optional(*q, 4, task.due_at);
  q->bind(5, task.created_at);
  q->bind(6, task.origin_platform);
  q->bind(7, task.origin_chat_id);
  q->exec();
  const std::int64_t id = db_.getLastInsertRowid();
  auto a = db_.prepare(
      "INSERT INTO task_assignees (task_id, member_id, unit_id, lead, position, task_status, "
      "task_due_key) VALUES (?,?,?,?,?,'open',?)");
  int position = 0;
  for (const auto& assignee : task.assignees) {
    a->bind(1, id);
    a->bind(2, assignee.member_id);
    bind_optional(*a, 3, assignee.unit_id);
    a->bind(4, position == 0 ? 1 : 0);
    a->bind(5, position);
    // The task's values, written here rather than by the copying trigger: one write, not two.
    a->bind(6, task.due_at.value_or(kUndatedDueKey));
    a->exec();
    a->reset();
    ++position;
  }
  add_event(TaskEvent{0, id, task.assigner_id, task.created_at,
                      std::string(task_event_kind::kCreated), "",
                      task.due_at ? std::to_string(*task.due_at) : std::string(), ""});
  return id;
}

std::optional<Task> TaskRepository::by_id(std::int64_t id) const {
  static const std::string sql =
      std::string("SELECT ") + kTaskColumns + " FROM tasks t WHERE t.id = ?";
  auto q = db_.prepare(sql);
  q->bind(1, id);
  if (!q->executeStep()) return std::nullopt;
  return read_task(*q);
}

std::optional<TaskRecord> TaskRepository::record(std::int64_t id) const {
  auto task = by_id(id);
  if (!task) return std::nullopt;
  return TaskRecord{std::move(*task), assignees(id)};
}

namespace {

// Read in key order and sorted here: a sort inside SQLite sets up a sorter for two rows.
void sort_assignees(std::vector<TaskAssignee>& assignees) {
  std::sort(assignees.begin(), assignees.end(), [](const TaskAssignee& a, const TaskAssignee& b) {
    return a.lead != b.lead ? a.lead : a.position < b.position;
  });
}

TaskAssignee read_assignee(SQLite::Statement& q, int first_column) {
  return TaskAssignee{
      q.getColumn(first_column).getInt64(), optional_int(q.getColumn(first_column + 1)),
      q.getColumn(first_column + 2).getInt() != 0, q.getColumn(first_column + 3).getInt()};
}

// The assignees of up to this many tasks are read by one statement (a page of a list is ten).
constexpr int kAssigneeLookups = 16;

std::string assignees_of_tasks_sql() {
  return "SELECT task_id, member_id, unit_id, lead, position FROM task_assignees WHERE task_id IN "
         "(" +
         numbered_places(1, kAssigneeLookups) + ")";
}

}  // namespace

std::vector<TaskAssignee> TaskRepository::assignees(std::int64_t task_id) const {
  auto q = db_.prepare(
      "SELECT member_id, unit_id, lead, position FROM task_assignees WHERE task_id = ?");
  q->bind(1, task_id);
  std::vector<TaskAssignee> out;
  while (q->executeStep()) out.push_back(read_assignee(*q, 0));
  sort_assignees(out);
  return out;
}

TaskPage TaskRepository::page(const TaskQuery& query, std::int64_t offset,
                              std::int64_t limit) const {
  if (is_persons_list_by_due(query)) return persons_page(query, offset, limit);
  TaskPage page;
  if (limit > 0) {
    auto q = db_.prepare(page_sql(query));
    bind_filters(*q, query);
    q->bind(7, limit);
    q->bind(8, offset);
    while (q->executeStep()) {
      page.total = q->getColumn(kTotalColumn).getInt64();
      page.tasks.push_back(TaskRecord{read_task(*q), {}});
    }
  }
  if (page.tasks.empty()) {  // past the end (or no page asked for): the total alone
    auto count = db_.prepare("SELECT COUNT(*) FROM tasks t" + task_filter(query));
    bind_filters(*count, query);
    count->executeStep();
    page.total = count->getColumn(0).getInt64();
    return page;
  }
  fill_assignees(page.tasks);
  return page;
}

TaskPage TaskRepository::persons_page(const TaskQuery& query, std::int64_t offset,
                                      std::int64_t limit) const {
  static const std::string sql = persons_page_sql();
  TaskPage page;
  if (limit > 0) {
    auto q = db_.prepare(sql);
    bind_filters(*q, query);
    q->bind(7, limit);
    q->bind(8, offset);
    while (q->executeStep()) page.tasks.push_back(TaskRecord{read_task(*q), {}});
  }
  const auto rows = static_cast<std::int64_t>(page.tasks.size());
  if (offset == 0 && rows > 0 && rows < limit) {
    page.total = rows;  // the first page holds them all
  } else {
    auto count = db_.prepare(kPersonsCountSql);
    bind_filters(*count, query);
    count->executeStep();
    page.total = count->getColumn(0).getInt64();
  }
  fill_assignees(page.tasks);
  return page;
}

// A statement per few tasks instead of one per task: a list page costs one lookup in all.
void TaskRepository::fill_assignees(std::vector<TaskRecord>& records) const {
  static const std::string sql = assignees_of_tasks_sql();
  for (std::size_t start = 0; start < records.size(); start += kAssigneeLookups) {
    const std::size_t end = std::min(records.size(), start + kAssigneeLookups);
    auto q = db_.prepare(sql);
    for (std::size_t i = start; i < end; ++i) {
      records[i].assignees.clear();
      q->bind(static_cast<int>(i - start) + 1, records[i].task.id);
    }
    // Unbound places stay NULL, which matches no task.
    while (q->executeStep()) {
      const std::int64_t task_id = q->getColumn(0).getInt64();
      for (std::size_t i = start; i < end; ++i) {
        if (records[i].task.id == task_id) records[i].assignees.push_back(read_assignee(*q, 1));
      }
    }
    for (std::size_t i = start; i < end; ++i) sort_assignees(records[i].assignees);
  }
}

std::vector<std::string> TaskRepository::explain_page(const TaskQuery& query) const {
  return db_.query_plan(is_persons_list_by_due(query) ? persons_page_sql() : page_sql(query));
}

std::vector<TaskEvent> TaskRepository::events(std::int64_t task_id) const {
  auto q = db_.prepare(
      "SELECT id, task_id, actor_id, at, kind, old_value, new_value, note "
      "FROM task_events WHERE task_id = ? ORDER BY at, id");
  q->bind(1, task_id);
  std::vector<TaskEvent> out;
  while (q->executeStep()) {
    out.push_back(TaskEvent{q->getColumn(0).getInt64(), q->getColumn(1).getInt64(),
                            optional_int(q->getColumn(2)), q->getColumn(3).getInt64(),
                            q->getColumn(4).getString(), q->getColumn(5).getString(),
                            q->getColumn(6).getString(), q->getColumn(7).getString()});
  }
  return out;
}

void TaskRepository::add_event(const TaskEvent& event) {
  auto q = db_.prepare(
      "INSERT INTO task_events (task_id, actor_id, at, kind, old_value, "
      "new_value, note) VALUES (?,?,?,?,?,?,?)");
  q->bind(1, event.task_id);
  bind_optional(*q, 2, event.actor_id);
  q->bind(3, event.at);
  q->bind(4, event.kind);
  q->bind(5, event.old_value);
  q->bind(6, event.new_value);
  q->bind(7, event.note);
  q->exec();
}

void TaskRepository::set_acked(std::int64_t task_id, std::int64_t at) {
  auto q = db_.prepare("UPDATE tasks SET acked_at = ? WHERE id = ?");
  q->bind(1, at);
  q->bind(2, task_id);
  q->exec();
}

void TaskRepository::set_progress(std::int64_t task_id, int percent, std::int64_t at) {
  auto q = db_.prepare("UPDATE tasks SET progress = ?, last_progress_at = ? WHERE id = ?");
  q->bind(1, percent);
  q->bind(2, at);
  q->bind(3, task_id);
  q->exec();
}

void TaskRepository::set_done(std::int64_t task_id, std::int64_t at) {
  auto q = db_.prepare(
      "UPDATE tasks SET status = 'done', done_at = ?1, progress = 100, "
      "last_progress_at = ?1 WHERE id = ?2");
  q->bind(1, at);
  q->bind(2, task_id);
  q->exec();
}

void TaskRepository::set_cancelled(std::int64_t task_id) {
  exec_update(db_, "UPDATE tasks SET status = 'cancelled' WHERE id = ?", task_id);
}

void TaskRepository::set_reopened(std::int64_t task_id) {
  exec_update(db_, "UPDATE tasks SET status = 'open', done_at = NULL WHERE id = ?", task_id);
}

void TaskRepository::set_due(std::int64_t task_id, std::optional<std::int64_t> due_at) {
  auto q = db_.prepare("UPDATE tasks SET due_at = ? WHERE id = ?");
  bind_optional(*q, 1, due_at);
  q->bind(2, task_id);
  q->exec();
}

void TaskRepository::set_lead(std::int64_t task_id, std::int64_t member_id,
                              std::optional<std::int64_t> unit_id) {
  auto drop = db_.prepare(
      "DELETE FROM task_assignees WHERE task_id = ?1 AND (lead = 1 OR "
      "member_id = ?2)");
  drop->bind(1, task_id);
  drop->bind(2, member_id);
  drop->exec();
  auto add = db_.prepare(
      "INSERT INTO task_assignees (task_id, member_id, unit_id, lead, position) "
      "VALUES (?, ?, ?, 1, 0)");  // the trigger task_assignees_copy_task adds the task's values
  add->bind(1, task_id);
  add->bind(2, member_id);
  bind_optional(*add, 3, unit_id);
  add->exec();
  exec_update(db_, "UPDATE tasks SET acked_at = NULL WHERE id = ?", task_id);
}

}  // namespace storage
}  // namespace wgbot
