#include "handlers/digest/digest_data.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "handlers/task_state.hpp"
#include "storage/digest_repository.hpp"

namespace wgbot::digest {

namespace {

using std::chrono::sys_seconds;

sys_seconds at(std::int64_t unix_seconds) {
  return sys_seconds{std::chrono::seconds{unix_seconds}};
}

DigestTask digest_task(const storage::DigestTaskRow& row, int overdue_days) {
  DigestTask t;
  t.id = row.task.id;
  t.title = row.task.title;
  t.lead_name = row.lead_name;
  t.unit_name = row.unit_name;
  if (row.task.due_at) t.due = at(*row.task.due_at);
  t.overdue_days = overdue_days;
  t.reminders = row.overdue_reminders;
  t.escalated = row.escalated;
  return t;
}

void count_state(DigestCounts& counts, TaskState state) {
  switch (state) {
    case TaskState::done_on_time:
      ++counts.done_on_time;
      break;
    case TaskState::done_late:
      ++counts.done_late;
      break;
    case TaskState::on_time:
      ++counts.on_time;
      break;
    case TaskState::overdue:
      ++counts.overdue;
      break;
    case TaskState::no_progress:
      ++counts.no_progress;
      break;
    case TaskState::cancelled:
      break;
  }
}

// Monday 00:00 of the local week holding `day`.
sys_seconds week_start(date::sys_days day, const timeexpr::Calendar& cal) {
  const date::weekday wd(day);
  const auto since_monday = (wd - date::Monday).count();
  return cal.at(day - date::days{since_monday}, std::chrono::seconds{0});
}

}  // namespace

std::optional<int> DigestCounts::on_time_rate() const {
  const int done = done_on_time + done_late;
  if (done == 0) return std::nullopt;
  return (done_on_time * 100 + done / 2) / done;
}

DigestData collect_digest(storage::Connection& db, const DigestOptions& options, sys_seconds now,
                          sys_seconds since) {
  const auto& cal = options.cal;
  storage::DigestRepository repo(db);
  DigestData d;
  d.day = cal.local_day(now);
  d.working_day = cal.is_working_day(d.day);
  d.next_working_day = cal.add_working_days(d.day, 1);
  const sys_seconds window_end =
      cal.at(cal.add_working_days(d.day, options.due_window_working_days) + date::days{1},
             std::chrono::seconds{0});
  const sys_seconds monday = week_start(d.day, cal);

  std::map<std::optional<std::int64_t>, UnitLine> units;
  for (const auto& row : repo.tracked_tasks()) {
    const TaskStateInfo info = task_state(row.task, now, cal, options.no_progress_days);
    count_state(d.counts, info.state);
    UnitLine& unit = units[row.unit_id];
    if (info.state == TaskState::overdue) {
      d.overdue.push_back(digest_task(row, info.overdue_days));
      ++unit.overdue;
    }
    if (row.task.status == TaskStatus::open) {
      ++unit.open;
      if (info.state != TaskState::overdue && row.task.due_at &&
          at(*row.task.due_at) < window_end) {
        d.due_soon.push_back(digest_task(row, 0));
      }
    } else if (row.task.done_at && at(*row.task.done_at) >= monday) {
      ++unit.done_this_week;
    }
  }

  std::stable_sort(d.overdue.begin(), d.overdue.end(), [](const auto& a, const auto& b) {
    return std::tie(b.overdue_days, a.due, a.id) < std::tie(a.overdue_days, b.due, b.id);
  });
  std::stable_sort(d.due_soon.begin(), d.due_soon.end(), [](const auto& a, const auto& b) {
    return std::tie(a.due, a.id) < std::tie(b.due, b.id);
  });

  for (const auto& u : repo.units()) {
    const auto it = units.find(u.id);
    if (it == units.end()) continue;
    it->second.unit_id = u.id;
    it->second.name = u.name;
  }
  for (auto& [id, line] : units) {
    if (line.open == 0 && line.done_this_week == 0) continue;
    line.unit_id = id;
    d.units.push_back(line);
  }
  // std::map puts nullopt (no unit) first; it reads better last.
  if (!d.units.empty() && !d.units.front().unit_id) {
    std::rotate(d.units.begin(), d.units.begin() + 1, d.units.end());
  }

  d.completed_since = repo.completed_since(since.time_since_epoch().count());
  d.created_since = repo.created_since(since.time_since_epoch().count());
  return d;
}

}  // namespace wgbot::digest
