// The scheduler's SQL over tasks: per-task nudge state (migration "scheduler"), what is due
// next, and where a member's unsolicited messages go. Every "what is due" query reads a partial
// index, so a wake-up costs O(log n + due items) however many tasks and reminders are waiting.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wgbot::storage {

class Connection;

// A task as the scheduler sees it.
struct TaskNudgeRow {
  std::int64_t id = 0;
  std::string title;
  std::string status;
  std::optional<std::int64_t> due_at;
  std::int64_t created_at = 0;
  std::int64_t assigner_id = 0;
  std::optional<std::int64_t> nudge_from;       // slots at or before this are never sent
  std::optional<std::int64_t> nudge_last_slot;  // the last slot handled (sent or passed over)
  int overdue_reminders = 0;                    // overdue reminders sent
  std::optional<std::int64_t> escalated_at;
  int nudge_failures = 0;  // firings that failed in a row (it is retried later)
};

// The nudge state to store after planning or firing.
struct TaskNudgeUpdate {
  std::optional<std::int64_t> nudge_at;  // when to look at the task again; nullopt = never
  std::optional<std::int64_t> plan_due;  // the due_at this plan was made for
  std::optional<std::int64_t> from;
  std::optional<std::int64_t> last_slot;
  int overdue_reminders = 0;
  std::optional<std::int64_t> escalated_at;
  std::optional<std::int64_t> sent_at;  // set when a message went out now (last_nudge_at)
};

// Where a member's nudges go: the preferred account's private chat, else the linked non-console
// account with a private chat that was linked last.
struct Recipient {
  std::int64_t member_id = 0;
  std::string name;
  std::string lang;  // "" = the deployment's default
  std::string platform;
  std::string chat_id;
};

class ScheduleRepository {
 public:
  explicit ScheduleRepository(storage::Connection& db) : db_(db) {}

  // Done or cancelled tasks that still hold a plan: the plan is dropped (so a reopened task is
  // planned afresh). Returns how many.
  int drop_stale_plans(int limit);
  // Open tasks whose plan was made for another due_at (or never made).
  std::vector<TaskNudgeRow> unplanned(int limit) const;
  // Open tasks whose nudge_at has come.
  std::vector<TaskNudgeRow> due(std::int64_t now, int limit) const;
  void save(std::int64_t task_id, const TaskNudgeUpdate& update);
  // Firing the task's nudge failed: counts it, keeps `error`, and looks again at `retry_at` —
  // or, when nullopt, stops nudging the task. Returns the failures so far.
  int record_failure(std::int64_t task_id, const std::string& error,
                     std::optional<std::int64_t> retry_at);

  // The lead assignee (the first by position when none is marked lead).
  std::optional<std::int64_t> lead_of(std::int64_t task_id) const;
  std::vector<std::int64_t> standing_members() const;
  std::optional<std::string> member_name(std::int64_t member_id) const;
  // nullopt when the member is inactive or has no account the bot can write to.
  std::optional<Recipient> recipient(std::int64_t member_id) const;

  // The earliest moment anything (reminder, task nudge, a task to plan) needs the scheduler;
  // `now` when work is waiting already.
  std::optional<std::int64_t> next_due(std::int64_t now) const;

  // EXPLAIN QUERY PLAN of each "what is due" query, one "query: plan" line per step.
  std::vector<std::string> explain_due_queries() const;

 private:
  storage::Connection& db_;
};

}  // namespace wgbot::storage
