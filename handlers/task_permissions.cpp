#include "handlers/task_permissions.hpp"

#include <algorithm>

#include "core/text_fold.hpp"

namespace wgbot {

namespace {

bool is_leadership(const Member& m) {
  return m.role == Role::chairman || m.role == Role::vice_chairman || m.role == Role::standing;
}

bool is_supervisor(const Member& m) {
  return m.role == Role::standing || m.is_admin;
}

}  // namespace

bool may_assign_to_others(const Member& member, const Config& config) {
  if (is_leadership(member) || member.is_admin) return true;
  const std::string handle = lower_utf8(member.handle);
  return std::any_of(config.task_assigners.begin(), config.task_assigners.end(),
                     [&](const std::string& h) {
                       std::string_view v = h;
                       if (v.starts_with('@')) v.remove_prefix(1);
                       return lower_utf8(v) == handle;
                     });
}

bool may_see_all_tasks(const Member& member) {
  return is_leadership(member) || member.is_admin;
}

bool may_see_unit(const Member& member, const std::optional<std::int64_t>& unit_id) {
  return may_see_all_tasks(member) || (unit_id && member.unit_id == unit_id);
}

bool may_see_task(const Member& member, const TaskRecord& task) {
  if (may_see_all_tasks(member)) return true;
  if (task.task.assigner_id == member.id || task.has_assignee(member.id)) return true;
  return member.unit_id &&
         std::any_of(task.assignees.begin(), task.assignees.end(),
                     [&](const TaskAssignee& a) { return a.unit_id == member.unit_id; });
}

bool may_ack_task(const Member& member, const TaskRecord& task) {
  return task.lead_id() == member.id;
}

bool may_report_task(const Member& member, const TaskRecord& task) {
  return may_ack_task(member, task) || task.task.assigner_id == member.id || is_supervisor(member);
}

bool may_manage_task(const Member& member, const TaskRecord& task) {
  return task.task.assigner_id == member.id || is_supervisor(member);
}

}  // namespace wgbot
