// Tasks, their assignees and their history (task_events). All task SQL lives here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wgbot::storage {
class Connection;
}

namespace wgbot {

enum class TaskStatus { open, done, cancelled };

std::string_view task_status_key(TaskStatus status);
TaskStatus task_status_from_key(std::string_view key);

struct Task {
  std::int64_t id = 0;
  std::string title;
  std::string src;  // the source document, e.g. "QĐ 699/QĐ-UBND"
  std::int64_t assigner_id = 0;
  TaskStatus status = TaskStatus::open;
  std::optional<std::int64_t> due_at;  // unix seconds (UTC)
  int progress = 0;                    // percent
  std::int64_t created_at = 0;
  std::optional<std::int64_t> acked_at;
  std::optional<std::int64_t> done_at;
  std::optional<std::int64_t> last_progress_at;
  std::string origin_platform;
  std::string origin_chat_id;
};

struct TaskAssignee {
  std::int64_t member_id = 0;
  // The unit the assignee acts for: the unit named in the command, else the member's own.
  std::optional<std::int64_t> unit_id;
  bool lead = false;
  int position = 0;
};

// A task with its assignees, lead first.
struct TaskRecord {
  Task task;
  std::vector<TaskAssignee> assignees;

  [[nodiscard]] std::optional<std::int64_t> lead_id() const;
  [[nodiscard]] bool has_assignee(std::int64_t member_id) const;
};

struct TaskEvent {
  std::int64_t id = 0;
  std::int64_t task_id = 0;
  std::optional<std::int64_t> actor_id;
  std::int64_t at = 0;
  std::string kind;  // see task_event_kind below
  std::string old_value{};
  std::string new_value{};
  std::string note{};
};

// Event kinds. Values: progress in percent, deadlines in unix seconds ("" = none), people as
// member ids.
namespace task_event_kind {
inline constexpr std::string_view kCreated = "created";
inline constexpr std::string_view kAcked = "ack";
inline constexpr std::string_view kProgress = "progress";
inline constexpr std::string_view kDone = "done";
inline constexpr std::string_view kDue = "due";
inline constexpr std::string_view kAssigned = "assign";
inline constexpr std::string_view kCancelled = "cancel";
inline constexpr std::string_view kReopened = "reopen";
}  // namespace task_event_kind

struct NewTask {
  std::string title;
  std::string src;
  std::int64_t assigner_id = 0;
  std::optional<std::int64_t> due_at;
  std::int64_t created_at = 0;
  std::string origin_platform;
  std::string origin_chat_id;
  std::vector<TaskAssignee> assignees;  // lead first
};

// Whose eyes a list is for, when they may not see every task: a task is visible to the member
// who assigned it, to its assignees, and to the members of a unit an assignee acts for.
struct TaskViewer {
  std::int64_t member_id = 0;
  std::optional<std::int64_t> unit_id;
};

enum class TaskOrder {
  by_due,         // by due date (none last), then id
  recently_done,  // most recently completed first, then by due date
};

// Which tasks a list shows; every set field narrows it.
struct TaskQuery {
  std::optional<TaskStatus> status;
  std::optional<std::int64_t> assignee_id;  // lead or supporting
  std::optional<std::int64_t> unit_id;      // an assignee acting for, or belonging to, the unit
  std::optional<std::int64_t> due_before;   // due strictly before
  std::optional<TaskViewer> visible_to;     // unset: everything matching
  TaskOrder order = TaskOrder::by_due;
};

// One page of a list and how many tasks the whole list has.
struct TaskPage {
  std::int64_t total = 0;
  std::vector<TaskRecord> tasks;
};

namespace storage {

class TaskRepository {
 public:
  explicit TaskRepository(storage::Connection& db) : db_(db) {}

  // Inserts the task, its assignees and its "created" event; returns the id.
  std::int64_t create(const NewTask& task);
  std::optional<Task> by_id(std::int64_t id) const;
  std::optional<TaskRecord> record(std::int64_t id) const;
  std::vector<TaskAssignee> assignees(std::int64_t task_id) const;
  // Up to `limit` matching tasks with their assignees, after skipping `offset`, in the query's
  // order; and the number of all matching tasks. Only the page is read.
  TaskPage page(const TaskQuery& query, std::int64_t offset, std::int64_t limit) const;
  // EXPLAIN QUERY PLAN of the page query for `query`, one line per step.
  std::vector<std::string> explain_page(const TaskQuery& query) const;

  std::vector<TaskEvent> events(std::int64_t task_id) const;
  void add_event(const TaskEvent& event);

  void set_acked(std::int64_t task_id, std::int64_t at);
  void set_progress(std::int64_t task_id, int percent, std::int64_t at);
  void set_done(std::int64_t task_id, std::int64_t at);
  void set_cancelled(std::int64_t task_id);
  // Back to open: clears done_at; progress stays as recorded.
  void set_reopened(std::int64_t task_id);
  void set_due(std::int64_t task_id, std::optional<std::int64_t> due_at);
  // Makes `member_id` the lead in place of the current one (who is removed); a supporter who
  // becomes lead stops being a supporter. Clears the acknowledgement: the new lead must ack.
  void set_lead(std::int64_t task_id, std::int64_t member_id, std::optional<std::int64_t> unit_id);

 private:
  // A person's list by due date (the commonest): read from their stretch of one index.
  TaskPage persons_page(const TaskQuery& query, std::int64_t offset, std::int64_t limit) const;
  // Reads the assignees of each of `records` (one cached statement, by key).
  void fill_assignees(std::vector<TaskRecord>& records) const;

  storage::Connection& db_;
};

}  // namespace storage
}  // namespace wgbot
