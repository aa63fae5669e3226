// Reminders: one-off and recurring messages to a chat.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wgbot::storage {

class Connection;

struct Reminder {
  std::int64_t id = 0;
  std::int64_t member_id = 0;  // who set it: the only one who may list, delete or snooze it
  std::string platform;
  std::string chat_id;
  std::string text;
  std::int64_t start_at = 0;  // the first occurrence; a rule's times are computed from it
  std::optional<std::int64_t> next_at;
  std::optional<std::string> rrule;
  bool skip_holidays = false;
  std::string status;  // active, done, cancelled
  int fired_count = 0;
  std::optional<std::int64_t> last_fired_at;
  int failures = 0;  // firings that failed in a row (it is retried later)
};

struct NewReminder {
  std::int64_t member_id = 0;
  std::string platform;
  std::string chat_id;
  std::string text;
  std::int64_t start_at = 0;
  std::optional<std::string> rrule{};
  bool skip_holidays{false};
};

// A reminder whose time has come, with what the scheduler needs to word it.
struct DueReminder {
  Reminder reminder;
  std::string member_lang;  // "" = the deployment's default
  bool member_active = true;
};

class ReminderRepository {
 public:
  explicit ReminderRepository(storage::Connection& db) : db_(db) {}

  // Active reminders whose time has come (for the metrics gauge).
  std::int64_t count_due(std::int64_t now) const;

  // A new active reminder first due at start_at.
  std::int64_t add(const NewReminder& reminder, std::int64_t now);
  std::optional<Reminder> by_id(std::int64_t id) const;
  // The member's active reminders, soonest first.
  std::vector<Reminder> active_for_member(std::int64_t member_id, int limit) const;
  std::int64_t count_active_for_member(std::int64_t member_id) const;
  // Cancels an active reminder of the member; false when there is none with that id.
  bool cancel(std::int64_t id, std::int64_t member_id);
  // Makes the reminder active again, next due at `next_at` (snoozing a one-off reminder).
  void reschedule(std::int64_t id, std::int64_t next_at);

  // Active reminders due at `now`, earliest first (uses the partial index reminders_due).
  std::vector<DueReminder> due(std::int64_t now, int limit) const;
  // Records a firing; `next_at` continues a rule, nullopt ends the reminder (status done).
  void mark_fired(std::int64_t id, std::int64_t now, std::optional<std::int64_t> next_at);
  // A reminder that cannot be delivered any more (its member left): ends it without a message.
  void mark_cancelled(std::int64_t id);
  // Firing failed: counts it, keeps `error`, and tries again at `retry_at` — or, when nullopt,
  // gives the reminder up (cancelled, with the error kept). Returns the failures so far.
  int record_failure(std::int64_t id, const std::string& error,
                     std::optional<std::int64_t> retry_at);
  // The earliest next_at among active reminders.
  std::optional<std::int64_t> next_due() const;

 private:
  storage::Connection& db_;
};

}  // namespace wgbot::storage
