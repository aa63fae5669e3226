// Who may do what with tasks, by role, admin flag and relation to the task (assigner, lead,
// unit). Pure: decisions over the member, the task and config.
#pragma once

#include "config/config.hpp"
#include "storage/model.hpp"
#include "storage/task_repository.hpp"

namespace wgbot {

// Chairman, vice-chairman, standing member, admins and the handles in `tasks.assigners`.
bool may_assign_to_others(const Member& member, const Config& config);

// Chairman, vice-chairman, standing member and admins see every task.
bool may_see_all_tasks(const Member& member);

// Everyone else sees the tasks they assigned or are assigned to, and those of their unit.
bool may_see_task(const Member& member, const TaskRecord& task);

// Whether `member` may see the tasks of a member of unit `unit_id` (or of that unit).
bool may_see_unit(const Member& member, const std::optional<std::int64_t>& unit_id);

// /ack: the lead assignee.
bool may_ack_task(const Member& member, const TaskRecord& task);

// /done, /progress: the lead assignee, the assigner, the standing member, admins.
bool may_report_task(const Member& member, const TaskRecord& task);

// /due, /assign, /cancel, /reopen: the assigner, the standing member, admins.
bool may_manage_task(const Member& member, const TaskRecord& task);

}  // namespace wgbot
