// What the daily digest reads (every tracked task with its lead, the lead's unit) and the record
// of digests sent: one `digests_sent` row per recipient per local day.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/task_repository.hpp"

namespace wgbot::storage {

class Connection;

// A task as the digest sees it: its own fields, its lead assignee and the unit the lead acts for.
struct DigestTaskRow {
  Task task;
  int overdue_reminders = 0;
  bool escalated = false;
  std::string lead_name;                // "" when the task has no lead
  std::optional<std::int64_t> unit_id;  // the unit named for the lead, else the lead's own
  std::string unit_name;
};

struct DigestUnit {
  std::int64_t id = 0;
  std::string name;
};

struct DigestSubscriber {
  std::int64_t member_id = 0;
  std::string lang;  // "" = the deployment's default
};

class DigestRepository {
 public:
  explicit DigestRepository(storage::Connection& db) : db_(db) {}

  // Every task that is not cancelled, by id.
  [[nodiscard]] std::vector<DigestTaskRow> tracked_tasks() const;
  // Every unit, by id.
  [[nodiscard]] std::vector<DigestUnit> units() const;
  // Tasks created at or after `since`, tasks completed at or after `since` (not cancelled).
  [[nodiscard]] std::int64_t created_since(std::int64_t since) const;
  [[nodiscard]] std::int64_t completed_since(std::int64_t since) const;

  // Active members holding one of `roles` (role keys), by id.
  [[nodiscard]] std::vector<DigestSubscriber> subscribers(
      const std::vector<std::string>& roles) const;
  // Whether the member's digest for local day `day` (YYYY-MM-DD) is recorded.
  [[nodiscard]] bool was_sent(const std::string& day, std::int64_t member_id) const;
  // Records it; false when it was already recorded (nothing changes then).
  bool record_sent(const std::string& day, std::int64_t member_id, std::int64_t at, bool late);
  // When the member's last digest was sent, if ever.
  [[nodiscard]] std::optional<std::int64_t> last_sent_at(std::int64_t member_id) const;
  // How many digests are recorded for the day (every recipient).
  [[nodiscard]] std::int64_t sent_count(const std::string& day) const;

 private:
  storage::Connection& db_;
};

}  // namespace wgbot::storage
