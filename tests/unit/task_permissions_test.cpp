// Who may assign, see, acknowledge, report on and manage tasks, role by role.
#include <gtest/gtest.h>

#include "handlers/task_permissions.hpp"

namespace wgbot {
namespace {

Member member(std::int64_t id, Role role, std::int64_t unit, bool admin = false) {
  Member m;
  m.id = id;
  m.handle = "m" + std::to_string(id);
  m.role = role;
  m.unit_id = unit;
  m.is_admin = admin;
  return m;
}

TaskRecord task(std::int64_t assigner, std::int64_t lead, std::int64_t lead_unit,
                std::int64_t support = 0) {
  TaskRecord r;
  r.task.id = 1;
  r.task.assigner_id = assigner;
  r.assignees.push_back(TaskAssignee{lead, lead_unit, true, 0});
  if (support != 0) r.assignees.push_back(TaskAssignee{support, 9, false, 1});
  return r;
}

TEST(TaskPermissions, AssigningToOthers) {
  Config config;
  EXPECT_TRUE(may_assign_to_others(member(1, Role::chairman, 1), config));
  EXPECT_TRUE(may_assign_to_others(member(1, Role::vice_chairman, 1), config));
  EXPECT_TRUE(may_assign_to_others(member(1, Role::standing, 1), config));
  EXPECT_TRUE(may_assign_to_others(member(1, Role::staff, 1, true), config));
  EXPECT_FALSE(may_assign_to_others(member(1, Role::member, 1), config));
  EXPECT_FALSE(may_assign_to_others(member(7, Role::staff, 1), config));
  config.task_assigners = {"@M7"};
  EXPECT_TRUE(may_assign_to_others(member(7, Role::staff, 1), config));
}

TEST(TaskPermissions, Seeing) {
  const auto t = task(1, 2, 5, 3);
  EXPECT_TRUE(may_see_task(member(9, Role::chairman, 1), t));
  EXPECT_TRUE(may_see_task(member(9, Role::staff, 1, true), t));
  EXPECT_TRUE(may_see_task(member(1, Role::member, 1), t));  // assigner
  EXPECT_TRUE(may_see_task(member(2, Role::member, 1), t));  // lead
  EXPECT_TRUE(may_see_task(member(3, Role::staff, 8), t));   // supporting
  EXPECT_TRUE(may_see_task(member(4, Role::staff, 5), t));   // the lead's unit
  EXPECT_TRUE(may_see_task(member(4, Role::staff, 9), t));   // the supporter's unit
  EXPECT_FALSE(may_see_task(member(4, Role::member, 6), t));
}

TEST(TaskPermissions, ReportingAndManaging) {
  const auto t = task(1, 2, 5, 3);
  EXPECT_TRUE(may_ack_task(member(2, Role::member, 5), t));
  EXPECT_FALSE(may_ack_task(member(3, Role::member, 5), t));  // supporting
  EXPECT_FALSE(may_ack_task(member(1, Role::chairman, 5), t));
  for (const auto& m : {member(2, Role::member, 5), member(1, Role::member, 1),
                        member(8, Role::standing, 1), member(8, Role::staff, 1, true)}) {
    EXPECT_TRUE(may_report_task(m, t)) << m.id;
  }
  EXPECT_FALSE(may_report_task(member(3, Role::member, 5), t));
  EXPECT_FALSE(may_report_task(member(8, Role::chairman, 1), t));
  EXPECT_TRUE(may_manage_task(member(1, Role::member, 1), t));
  EXPECT_TRUE(may_manage_task(member(8, Role::standing, 1), t));
  EXPECT_TRUE(may_manage_task(member(8, Role::staff, 1, true), t));
  EXPECT_FALSE(may_manage_task(member(2, Role::member, 5), t));  // the lead
  EXPECT_FALSE(may_manage_task(member(8, Role::vice_chairman, 1), t));
}

}  // namespace
}  // namespace wgbot
