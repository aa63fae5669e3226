// One scheduler step inside one writer job: plan new or changed tasks, fire every due reminder
// and task nudge by writing its outbox rows in the same transaction that records the firing
// (so a crash either keeps both or neither), and say when the next step is needed.
#pragma once

#include <chrono>
#include <optional>

#include "config/config.hpp"
#include "handlers/messages.hpp"
#include "handlers/schedule/due_items.hpp"
#include "handlers/time/calendar.hpp"

namespace wgbot::storage {
class Connection;
}

namespace wgbot::scheduler {

struct DueContext {
  timeexpr::Calendar cal;
  NudgeRules rules;
  Lang default_lang = Lang::vi;
  int batch = 500;  // items of each kind per step; more waiting → next_wake is now
};
DueContext due_context_from(const Config& config);

struct RunReport {
  int planned = 0;                                    // tasks whose nudges were (re)planned
  int reminders = 0;                                  // reminders fired
  int nudges = 0;                                     // pre-deadline nudges sent
  int overdue = 0;                                    // overdue reminders sent
  int escalations = 0;                                // escalations sent
  int late = 0;                                       // of the above, sent late
  int messages = 0;                                   // outbox rows written
  int failed = 0;                                     // items whose firing failed (retried later)
  bool more = false;                                  // a batch was full: run again at once
  std::optional<std::chrono::sys_seconds> next_wake;  // nullopt: nothing is scheduled
};

// Must run inside a transaction on the write connection (a Writer job).
RunReport fire_due(storage::Connection& db, const DueContext& ctx, std::chrono::sys_seconds now);

}  // namespace wgbot::scheduler
