#include "handlers/schedule/fire_due.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <vector>

#include "handlers/schedule/notices.hpp"
#include "handlers/task_state.hpp"
#include "handlers/time_text.hpp"
#include "storage/connection.hpp"
#include "storage/outbox_repository.hpp"
#include "storage/reminder_repository.hpp"
#include "storage/savepoint.hpp"
#include "storage/schedule_repository.hpp"
#include "storage/storage_error.hpp"

namespace wgbot::scheduler {

namespace {

using std::chrono::seconds;

// A due item whose firing fails is tried again later, on its own, until it has failed this many
// times in a row; the wait doubles from a minute up to a day (about a day and a half in all).
constexpr int kMaxItemFailures = 12;

// When to try again after the `failures`-th failure in a row; nullopt: give the item up.
std::optional<std::int64_t> retry_at(int failures, std::int64_t now) {
  if (failures >= kMaxItemFailures) return std::nullopt;
  const std::int64_t wait = std::min<std::int64_t>(60LL << std::min(failures - 1, 11), 86400);
  return now + wait;
}

// Fires one due item in a savepoint of its own. A failure that is not the storage's (a bug, bad
// data in that row) undoes only that item and is recorded on it by `record_failure`, so the
// other items still fire; a storage error ends the whole step.
template <typename Fire, typename RecordFailure>
void fire_isolated(storage::Connection& db, RunReport& report, Fire fire,
                   RecordFailure record_failure) {
  const RunReport before = report;
  storage::Savepoint item(db, "due_item");
  try {
    fire();
    item.release();
  } catch (const std::exception& e) {
    if (storage::storage_error_of(e)) throw;
    item.rollback();
    report = before;
    ++report.failed;
    record_failure(std::string(e.what()));
  }
}

sys_seconds at(std::int64_t unix_seconds) {
  return sys_seconds{seconds{unix_seconds}};
}

std::int64_t unix(sys_seconds t) {
  return t.time_since_epoch().count();
}

std::optional<std::int64_t> unix(const std::optional<sys_seconds>& t) {
  if (!t) return std::nullopt;
  return unix(*t);
}

TaskNudgeState state_of(const storage::TaskNudgeRow& row) {
  TaskNudgeState s;
  s.due = at(row.due_at.value_or(0));
  s.from = at(row.nudge_from.value_or(row.created_at));
  if (row.nudge_last_slot) s.last_slot = at(*row.nudge_last_slot);
  s.overdue_sent = row.overdue_reminders;
  s.escalated = row.escalated_at.has_value();
  return s;
}

// A first plan counts from the task's creation, so nudges missed while the bot was down are
// still seen (and only the latest sent); a re-plan (new deadline, reopened) counts from now.
void plan(storage::ScheduleRepository& repo, const storage::TaskNudgeRow& row,
          const DueContext& ctx, sys_seconds now) {
  storage::TaskNudgeUpdate u;
  u.plan_due = row.due_at;
  u.from = row.nudge_from ? unix(now) : row.created_at;
  if (row.due_at) {
    TaskNudgeState s;
    s.due = at(*row.due_at);
    s.from = at(*u.from);
    if (const auto next = next_slot(s, ctx.rules, ctx.cal)) {
      u.nudge_at = unix(send_time(*next, ctx.rules, ctx.cal));
    }
  }
  repo.save(row.id, u);
}

class TaskFirer {
 public:
  TaskFirer(storage::Connection& db, const DueContext& ctx, sys_seconds now, RunReport& report)
      : repo_(db), outbox_(db), ctx_(ctx), now_(now), report_(report) {}

  void fire(const storage::TaskNudgeRow& row) {
    if (!row.due_at) {  // cannot happen for a planned task; drop the plan if it does
      repo_.save(row.id, storage::TaskNudgeUpdate{});
      return;
    }
    const TaskStep step = step_task(state_of(row), now_, ctx_.rules, ctx_.cal);
    storage::TaskNudgeUpdate u;
    u.nudge_at = unix(step.next);
    u.plan_due = row.due_at;
    u.from = unix(step.state.from);
    u.last_slot = unix(step.state.last_slot);
    u.overdue_reminders = step.state.overdue_sent;
    u.escalated_at = row.escalated_at;
    if (step.state.escalated && !row.escalated_at) u.escalated_at = unix(now_);
    if (step.send) {
      u.sent_at = unix(now_);
      send(row, *step.send, step.state, step.late);
    }
    repo_.save(row.id, u);
  }

 private:
  void send(const storage::TaskNudgeRow& row, const Slot& slot, const TaskNudgeState& state,
            bool late) {
    const auto lead = repo_.lead_of(row.id);
    TaskFacts facts{row.id,
                    row.title,
                    state.due,
                    overdue_days(state.due, now_, ctx_.cal),
                    state.overdue_sent,
                    lead ? name_of(*lead) : ""};
    std::vector<std::int64_t> told;
    if (lead) deliver(*lead, slot.kind, true, late, facts, told);
    if (slot.kind == SlotKind::escalation) {
      auto leaders = repo_.standing_members();
      leaders.push_back(row.assigner_id);
      for (const auto member : leaders) deliver(member, slot.kind, false, late, facts, told);
    }
    count(slot.kind, late);
  }

  void deliver(std::int64_t member, SlotKind kind, bool to_lead, bool late, const TaskFacts& facts,
               std::vector<std::int64_t>& told) {
    if (std::find(told.begin(), told.end(), member) != told.end()) return;
    told.push_back(member);
    const auto& to = recipient_of(member);
    if (!to) {
      spdlog::warn("event=nudge_skipped reason=no_private_chat task={} member={}", facts.id,
                   member);
      return;
    }
    const Lang lang = lang_from_code(to->lang, ctx_.default_lang);
    outbox_.enqueue(task_message(lang, *to, kind, to_lead, late, facts, ctx_.cal), unix(now_));
    ++report_.messages;
  }

  void count(SlotKind kind, bool late) {
    switch (kind) {
      case SlotKind::before:
      case SlotKind::day_of:
        ++report_.nudges;
        break;
      case SlotKind::overdue:
        ++report_.overdue;
        break;
      case SlotKind::escalation:
        ++report_.escalations;
        break;
    }
    if (late) ++report_.late;
  }

  // Members recur across tasks (a catch-up after downtime touches thousands): look each up once.
  const std::optional<storage::Recipient>& recipient_of(std::int64_t member) {
    auto it = recipients_.find(member);
    if (it == recipients_.end()) it = recipients_.emplace(member, repo_.recipient(member)).first;
    return it->second;
  }
  const std::string& name_of(std::int64_t member) {
    auto it = names_.find(member);
    if (it == names_.end()) {
      it = names_.emplace(member, repo_.member_name(member).value_or("")).first;
    }
    return it->second;
  }

  storage::ScheduleRepository repo_;
  storage::OutboxRepository outbox_;
  std::map<std::int64_t, std::optional<storage::Recipient>> recipients_;
  std::map<std::int64_t, std::string> names_;
  const DueContext& ctx_;
  sys_seconds now_;
  RunReport& report_;
};

void fire_reminders(storage::Connection& db, const DueContext& ctx, sys_seconds now,
                    RunReport& report) {
  storage::ReminderRepository repo(db);
  storage::OutboxRepository outbox(db);
  const auto due = repo.due(unix(now), ctx.batch);
  if (static_cast<int>(due.size()) == ctx.batch) report.more = true;
  for (const auto& d : due) {
    const auto& r = d.reminder;
    if (!d.member_active) {  // nobody left to snooze or delete it
      repo.mark_cancelled(r.id);
      spdlog::info("event=reminder_dropped reason=member_inactive id={}", r.id);
      continue;
    }
    auto fire = [&] {
      std::optional<timeexpr::Recurrence> rule;
      if (r.rrule) rule = timeexpr::Recurrence{*r.rrule, r.skip_holidays};
      const auto step =
          step_reminder(at(r.start_at), at(r.next_at.value_or(r.start_at)), rule, now, ctx.cal);
      const Lang lang = lang_from_code(d.member_lang, ctx.default_lang);
      outbox.enqueue(reminder_message(lang, r, step.late), unix(now));
      repo.mark_fired(r.id, unix(now), unix(step.next));
      ++report.reminders;
      ++report.messages;
      if (step.late) ++report.late;
    };
    fire_isolated(db, report, fire, [&](const std::string& error) {
      const int failures = repo.record_failure(r.id, error, retry_at(r.failures + 1, unix(now)));
      spdlog::error("event=reminder_failed id={} failures={} given_up={} error=\"{}\"", r.id,
                    failures, failures >= kMaxItemFailures, error);
    });
  }
}

}  // namespace

DueContext due_context_from(const Config& config) {
  DueContext ctx;
  ctx.cal = calendar_from(config);
  ctx.rules = nudge_rules_from(config.schedule);
  ctx.default_lang = lang_from_code(config.language, Lang::vi);
  return ctx;
}

RunReport fire_due(storage::Connection& db, const DueContext& ctx, sys_seconds now) {
  RunReport report;
  storage::ScheduleRepository repo(db);
  if (repo.drop_stale_plans(ctx.batch) == ctx.batch) report.more = true;
  const auto unplanned = repo.unplanned(ctx.batch);
  if (static_cast<int>(unplanned.size()) == ctx.batch) report.more = true;
  for (const auto& row : unplanned) plan(repo, row, ctx, now);
  report.planned = static_cast<int>(unplanned.size());

  const auto due = repo.due(unix(now), ctx.batch);
  if (static_cast<int>(due.size()) == ctx.batch) report.more = true;
  TaskFirer firer(db, ctx, now, report);
  for (const auto& row : due) {
    fire_isolated(
        db, report, [&] { firer.fire(row); },
        [&](const std::string& error) {
          const int failures =
              repo.record_failure(row.id, error, retry_at(row.nudge_failures + 1, unix(now)));
          spdlog::error("event=nudge_failed task={} failures={} given_up={} error=\"{}\"", row.id,
                        failures, failures >= kMaxItemFailures, error);
        });
  }
  fire_reminders(db, ctx, now, report);

  if (report.more) {
    report.next_wake = now;
  } else if (const auto next = repo.next_due(unix(now))) {
    report.next_wake = at(*next);
  }
  if (report.messages > 0) {
    spdlog::info(
        "event=scheduler_fired reminders={} nudges={} overdue={} escalations={} late={} "
        "messages={}",
        report.reminders, report.nudges, report.overdue, report.escalations, report.late,
        report.messages);
  }
  return report;
}

}  // namespace wgbot::scheduler
