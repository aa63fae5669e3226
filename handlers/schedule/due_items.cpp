#include "handlers/schedule/due_items.hpp"

#include <algorithm>
#include <set>

namespace wgbot::scheduler {

namespace {

using date::days;
using date::sys_days;

// Ten years of days: how far a search for a working day may go before giving up.
constexpr int kSearchDays = 3700;

std::chrono::minutes local_minutes(sys_seconds t, const timeexpr::Calendar& cal) {
  const auto local = cal.to_local(t);
  return std::chrono::floor<std::chrono::minutes>(local - date::floor<days>(local));
}

bool any_workday(const timeexpr::Calendar& cal) {
  return std::any_of(cal.workdays.begin(), cal.workdays.end(), [](bool b) { return b; });
}

// Nudge slots before the deadline, earliest first: at nudge_time on the working day N working
// days before the deadline's day. A deadline on a day off is nudged on the working day before.
std::vector<Slot> nudge_slots(sys_seconds due, const NudgeRules& rules,
                              const timeexpr::Calendar& cal) {
  const sys_days due_day = cal.local_day(due);
  std::set<sys_days> nudge_days;
  for (int offset : rules.offsets_days) {
    if (offset < 0) continue;
    if (offset == 0 && !cal.is_working_day(due_day)) {
      nudge_days.insert(cal.add_working_days(due_day, -1));
    } else {
      nudge_days.insert(cal.add_working_days(due_day, -offset));
    }
  }
  std::vector<Slot> out;
  for (const auto day : nudge_days) {
    const auto t = cal.at(day, rules.nudge_time);
    if (t >= due) continue;  // a nudge after the deadline would be an overdue reminder
    out.push_back(Slot{t, day == due_day ? SlotKind::day_of : SlotKind::before});
  }
  return out;
}

// The first overdue time (a working day at overdue_time) after both `bound` and the deadline.
std::optional<sys_seconds> next_overdue_time(sys_seconds bound, sys_seconds due,
                                             const NudgeRules& rules,
                                             const timeexpr::Calendar& cal) {
  if (!any_workday(cal)) return std::nullopt;
  const sys_seconds lo = std::max(bound, due);
  sys_days day = cal.local_day(lo);
  for (int i = 0; i < kSearchDays; ++i, day += days{1}) {
    if (!cal.is_working_day(day)) continue;
    const auto t = cal.at(day, rules.overdue_time);
    if (t > lo) return t;
  }
  return std::nullopt;
}

// The latest overdue time in (max(bound, due), now].
std::optional<sys_seconds> latest_overdue_time(sys_seconds bound, sys_seconds due, sys_seconds now,
                                               const NudgeRules& rules,
                                               const timeexpr::Calendar& cal) {
  const sys_seconds lo = std::max(bound, due);
  if (now <= lo || !any_workday(cal)) return std::nullopt;
  const sys_days first = cal.local_day(lo);
  for (sys_days day = cal.local_day(now); day >= first; day -= days{1}) {
    if (!cal.is_working_day(day)) continue;
    const auto t = cal.at(day, rules.overdue_time);
    if (t > now) continue;
    return t > lo ? std::optional<sys_seconds>(t) : std::nullopt;
  }
  return std::nullopt;
}

SlotKind overdue_kind(const TaskNudgeState& s, const NudgeRules& rules) {
  return s.overdue_sent < rules.escalate_after ? SlotKind::overdue : SlotKind::escalation;
}

sys_seconds bound_of(const TaskNudgeState& s) {
  return s.last_slot ? std::max(s.from, *s.last_slot) : s.from;
}

}  // namespace

bool QuietHours::contains(sys_seconds t, const timeexpr::Calendar& cal) const {
  if (start == end) return false;
  const auto tod = local_minutes(t, cal);
  if (start < end) return tod >= start && tod < end;
  return tod >= start || tod < end;
}

sys_seconds QuietHours::defer(sys_seconds t, const timeexpr::Calendar& cal) const {
  if (!contains(t, cal)) return t;
  const sys_days day = cal.local_day(t);
  // Wrapping past midnight: from the evening part the period ends tomorrow morning.
  const bool ends_tomorrow = end < start && local_minutes(t, cal) >= start;
  return cal.at(ends_tomorrow ? day + days{1} : day, end);
}

NudgeRules nudge_rules_from(const ScheduleConfig& schedule) {
  NudgeRules rules;
  rules.nudge_time = schedule.nudge_time;
  rules.offsets_days = schedule.nudge_offsets_days;
  rules.overdue_time = schedule.overdue_time;
  rules.escalate_after = schedule.escalate_after;
  rules.quiet = QuietHours{schedule.quiet_start, schedule.quiet_end};
  return rules;
}

std::optional<Slot> next_slot(const TaskNudgeState& s, const NudgeRules& rules,
                              const timeexpr::Calendar& cal) {
  const sys_seconds bound = bound_of(s);
  for (const auto& slot : nudge_slots(s.due, rules, cal)) {
    if (slot.at > bound) return slot;
  }
  if (s.escalated) return std::nullopt;
  const auto t = next_overdue_time(bound, s.due, rules, cal);
  if (!t) return std::nullopt;
  return Slot{*t, overdue_kind(s, rules)};
}

std::optional<Slot> latest_slot(const TaskNudgeState& s, sys_seconds now, const NudgeRules& rules,
                                const timeexpr::Calendar& cal) {
  const sys_seconds bound = bound_of(s);
  if (!s.escalated) {
    if (const auto t = latest_overdue_time(bound, s.due, now, rules, cal)) {
      return Slot{*t, overdue_kind(s, rules)};
    }
  }
  std::optional<Slot> latest;
  for (const auto& slot : nudge_slots(s.due, rules, cal)) {
    if (slot.at > bound && slot.at <= now) latest = slot;
  }
  return latest;
}

sys_seconds send_time(const Slot& slot, const NudgeRules& rules, const timeexpr::Calendar& cal) {
  return rules.quiet.defer(slot.at, cal);
}

TaskStep step_task(const TaskNudgeState& s, sys_seconds now, const NudgeRules& rules,
                   const timeexpr::Calendar& cal) {
  TaskStep step;
  step.state = s;
  const auto slot = latest_slot(s, now, rules, cal);
  if (slot && rules.quiet.contains(now, cal)) {
    step.next = rules.quiet.defer(now, cal);
    return step;
  }
  if (slot) {
    step.state.last_slot = slot->at;
    const bool before_deadline = slot->kind == SlotKind::before || slot->kind == SlotKind::day_of;
    if (!before_deadline || now < s.due) {
      step.send = slot;
      step.late = now - send_time(*slot, rules, cal) > kLateGrace;
      if (slot->kind == SlotKind::overdue) ++step.state.overdue_sent;
      if (slot->kind == SlotKind::escalation) step.state.escalated = true;
    }
  }
  if (const auto next = next_slot(step.state, rules, cal)) step.next = send_time(*next, rules, cal);
  return step;
}

ReminderStep step_reminder(sys_seconds start, sys_seconds next_at,
                           const std::optional<timeexpr::Recurrence>& rule, sys_seconds now,
                           const timeexpr::Calendar& cal) {
  ReminderStep step;
  step.late = now - next_at > kLateGrace;
  if (rule) step.next = timeexpr::next_occurrence(*rule, start, now, cal);
  return step;
}

}  // namespace wgbot::scheduler
