// The paged task query: filters, visibility, order and paging done by SQL, on a real file.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include "fakes/temp_dir.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/member_repository.hpp"
#include "storage/migrations.hpp"
#include "storage/task_repository.hpp"
#include "storage/unit_repository.hpp"

namespace wgbot::storage {
namespace {

using testing::TempDir;

class TaskPageTest : public ::testing::Test {
 protected:
  TaskPageTest() : db_(open_database(dir_.file("t.db"))) {
    migrate(*db_);
    UnitRepository units(*db_);
    unit_a_ = units.add("Sở A", "sa", 0);
    unit_b_ = units.add("Sở B", "sb", 0);
    MemberRepository members(*db_);
    boss_ = members.add(NewMember{"boss", "Lãnh đạo", unit_a_}, 0);
    ann_ = members.add(NewMember{"ann", "Ann", unit_a_}, 0);
    bob_ = members.add(NewMember{"bob", "Bob", unit_b_}, 0);
  }

  std::int64_t task(const std::string& title, std::int64_t assignee,
                    std::optional<std::int64_t> due, std::optional<std::int64_t> acting_unit = {}) {
    return task_for(title, {TaskAssignee{assignee, acting_unit, true, 0}}, due);
  }

  // A task the boss gave to these assignees.
  std::int64_t task_for(const std::string& title, std::vector<TaskAssignee> assignees,
                        std::optional<std::int64_t> due = {}) {
    NewTask t;
    t.title = title;
    t.assigner_id = boss_;
    t.due_at = due;
    t.created_at = 1;
    t.assignees = std::move(assignees);
    return TaskRepository(*db_).create(t);
  }

  static std::vector<std::string> titles(const TaskPage& page) {
    std::vector<std::string> out;
    for (const auto& r : page.tasks) out.push_back(r.task.title);
    return out;
  }

  TempDir dir_;
  std::unique_ptr<Connection> db_;
  std::int64_t unit_a_ = 0, unit_b_ = 0, boss_ = 0, ann_ = 0, bob_ = 0;
};

TEST_F(TaskPageTest, PagesByDueDateWithUndatedLastAndCountsTheWholeList) {
  for (int i = 0; i < 25; ++i) {
    task("t" + std::to_string(i), ann_, i % 5 == 0 ? std::nullopt : std::optional<int>(100 - i));
  }
  TaskRepository repo(*db_);
  TaskQuery mine;
  mine.status = TaskStatus::open;
  mine.assignee_id = ann_;
  const auto first = repo.page(mine, 0, 10);
  EXPECT_EQ(first.total, 25);
  ASSERT_EQ(first.tasks.size(), 10U);
  EXPECT_EQ(first.tasks.front().task.title, "t24");  // due 76, the earliest
  ASSERT_EQ(first.tasks.front().assignees.size(), 1U);
  EXPECT_EQ(first.tasks.front().assignees.front().member_id, ann_);
  const auto last = repo.page(mine, 20, 10);
  EXPECT_EQ(last.total, 25);
  EXPECT_EQ(titles(last), (std::vector<std::string>{"t0", "t5", "t10", "t15", "t20"}));
  EXPECT_TRUE(repo.page(mine, 30, 10).tasks.empty());
  EXPECT_EQ(repo.page(mine, 30, 10).total, 25);  // past the end, the total still comes
  mine.assignee_id = bob_;
  EXPECT_EQ(repo.page(mine, 0, 10).total, 0);
}

TEST_F(TaskPageTest, AViewerSeesWhatTheyAssignedWereGivenOrTheirUnitActsFor) {
  task("ann's", ann_, 10);
  task("bob's", bob_, 20);
  task("bob for A", bob_, 30, unit_a_);
  TaskRepository repo(*db_);
  TaskQuery all;
  EXPECT_EQ(repo.page(all, 0, 10).total, 3);
  all.visible_to = TaskViewer{ann_, unit_a_};
  EXPECT_EQ(titles(repo.page(all, 0, 10)), (std::vector<std::string>{"ann's", "bob for A"}));
  all.visible_to = TaskViewer{bob_, std::nullopt};
  EXPECT_EQ(titles(repo.page(all, 0, 10)), (std::vector<std::string>{"bob's", "bob for A"}));
  all.visible_to = TaskViewer{boss_, std::nullopt};  // the assigner of all three
  EXPECT_EQ(repo.page(all, 0, 10).total, 3);
}

TEST_F(TaskPageTest, AUnitListHasTasksActedForOrHeldByItsMembers) {
  task("ann's", ann_, 10);
  task("bob's", bob_, 20);
  task("bob for A", bob_, 30, unit_a_);
  TaskQuery unit_a;
  unit_a.unit_id = unit_a_;
  EXPECT_EQ(titles(TaskRepository(*db_).page(unit_a, 0, 10)),
            (std::vector<std::string>{"ann's", "bob for A"}));
}

TEST_F(TaskPageTest, OverdueAndRecentlyDone) {
  const auto a = task("a", ann_, 10);
  task("b", ann_, 50);
  const auto c = task("c", ann_, 20);
  TaskRepository repo(*db_);
  TaskQuery overdue;
  overdue.status = TaskStatus::open;
  overdue.due_before = 30;
  EXPECT_EQ(titles(repo.page(overdue, 0, 10)), (std::vector<std::string>{"a", "c"}));
  repo.set_done(a, 100);
  repo.set_done(c, 200);
  TaskQuery done;
  done.status = TaskStatus::done;
  done.order = TaskOrder::recently_done;
  EXPECT_EQ(titles(repo.page(done, 0, 10)), (std::vector<std::string>{"c", "a"}));
}

TEST_F(TaskPageTest, APersonsOrAUnitsListStartsFromTheirTasks) {
  const auto joined = [](const std::vector<std::string>& lines) {
    std::string all;
    for (const auto& l : lines) all += l + "\n";
    return all;
  };
  TaskRepository repo(*db_);
  TaskQuery mine;
  mine.status = TaskStatus::done;
  mine.assignee_id = ann_;
  mine.order = TaskOrder::recently_done;  // a list not kept in order by an index
  const std::string plan = joined(repo.explain_page(mine));
  EXPECT_NE(plan.find("COVERING INDEX task_assignees_by_due"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("tasks_status_due"), std::string::npos) << plan;  // not every open task
  TaskQuery unit;
  unit.status = TaskStatus::open;
  unit.unit_id = unit_a_;
  const std::string unit_plan = joined(repo.explain_page(unit));
  EXPECT_NE(unit_plan.find("task_assignees_unit"), std::string::npos) << unit_plan;
  EXPECT_EQ(unit_plan.find("tasks_status_due"), std::string::npos) << unit_plan;
}

TEST_F(TaskPageTest, APersonsListFiltersAndOrdersOnTheListingIndexAndReadsOnlyThePageFromTheTable) {
  TaskQuery mine;
  mine.status = TaskStatus::done;
  mine.assignee_id = ann_;
  mine.order = TaskOrder::recently_done;
  std::string plan;
  for (const auto& line : TaskRepository(*db_).explain_page(mine)) plan += line + "\n";
  EXPECT_NE(plan.find("COVERING INDEX tasks_listing"), std::string::npos) << plan;
  // The table itself is read once per row of the page, by id.
  EXPECT_NE(plan.find("SEARCH t USING INTEGER PRIMARY KEY"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("SCAN t"), std::string::npos) << plan;
}

TEST_F(TaskPageTest, APersonsTasksComeInOrderFromTheirStretchOfOneIndex) {
  TaskQuery mine;
  mine.status = TaskStatus::open;
  mine.assignee_id = ann_;
  std::string plan;
  for (const auto& line : TaskRepository(*db_).explain_page(mine)) plan += line + "\n";
  EXPECT_NE(plan.find("USING COVERING INDEX task_assignees_by_due (member_id=? AND task_status=?)"),
            std::string::npos)
      << plan;
  // Neither every task of the person looked up, nor a sort, nor the page held aside: the rows
  // come in the index's order and only the page's rows are read from the table.
  EXPECT_EQ(plan.find("tasks_listing"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("LIST SUBQUERY"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("MATERIALIZE"), std::string::npos) << plan;
  EXPECT_NE(plan.find("SEARCH t USING INTEGER PRIMARY KEY"), std::string::npos) << plan;
}

TEST_F(TaskPageTest, APersonsListCountsWhatTheFirstPageDoesNotHold) {
  TaskRepository repo(*db_);
  TaskQuery mine;
  mine.status = TaskStatus::open;
  mine.assignee_id = ann_;
  for (int i = 0; i < 3; ++i) task("t" + std::to_string(i), ann_, 10 + i);
  EXPECT_EQ(repo.page(mine, 0, 10).total, 3);
  EXPECT_EQ(repo.page(mine, 0, 3).total, 3);  // a full page: there may be more
  EXPECT_EQ(repo.page(mine, 0, 2).total, 3);
  EXPECT_EQ(repo.page(mine, 1, 10).total, 3);  // a later page
  EXPECT_EQ(repo.page(mine, 0, 0).total, 3);   // the total alone
  task("bob's", bob_, 5);
  task("later", ann_, 50);
  EXPECT_EQ(titles(repo.page(mine, 2, 10)), (std::vector<std::string>{"t2", "later"}));
  EXPECT_EQ(repo.page(mine, 2, 10).total, 4);
}

TEST_F(TaskPageTest, APagesAssigneesComeLeadFirstThenInTheirOrder) {
  task_for("shared", {TaskAssignee{bob_, std::nullopt, true, 0}, TaskAssignee{boss_, {}, false, 1},
                      TaskAssignee{ann_, std::nullopt, false, 2}});
  TaskRepository repo(*db_);
  TaskQuery mine;
  mine.status = TaskStatus::open;
  mine.assignee_id = ann_;
  const auto page = repo.page(mine, 0, 10);
  ASSERT_EQ(page.tasks.size(), 1U);
  std::vector<std::int64_t> order;
  for (const auto& a : page.tasks[0].assignees) order.push_back(a.member_id);
  EXPECT_EQ(order, (std::vector<std::int64_t>{bob_, boss_, ann_}));
}

// A page's assignees are read a few tasks per statement: each task gets its own, and only them,
// however many the page holds (here more than one statement's worth).
TEST_F(TaskPageTest, ALongPageGetsEachTasksAssigneesAsTheTaskAlone) {
  TaskRepository repo(*db_);
  for (int i = 0; i < 37; ++i) {
    std::vector<TaskAssignee> assignees = {TaskAssignee{ann_, std::nullopt, true, 0}};
    if (i % 3 == 0) assignees.push_back(TaskAssignee{bob_, unit_b_, false, 1});
    if (i % 4 == 0) assignees.insert(assignees.begin(), TaskAssignee{boss_, {}, true, 0});
    task_for("t" + std::to_string(i), std::move(assignees), 1000 + i);
  }
  TaskQuery mine;
  mine.status = TaskStatus::open;
  mine.assignee_id = ann_;
  const auto page = repo.page(mine, 0, 37);
  ASSERT_EQ(page.tasks.size(), 37U);
  TaskQuery everyone;  // the other way to a page: the general query
  const auto all = repo.page(everyone, 0, 50);
  ASSERT_EQ(all.tasks.size(), 37U);
  for (const TaskPage* p : {&page, &all}) {
    for (const auto& record : p->tasks) {
      const auto alone = repo.assignees(record.task.id);
      ASSERT_EQ(record.assignees.size(), alone.size()) << record.task.title;
      for (std::size_t i = 0; i < alone.size(); ++i) {
        EXPECT_EQ(record.assignees[i].member_id, alone[i].member_id) << record.task.title;
        EXPECT_EQ(record.assignees[i].unit_id, alone[i].unit_id);
        EXPECT_EQ(record.assignees[i].lead, alone[i].lead);
      }
    }
  }
  EXPECT_EQ(page.tasks[3].assignees.size(), 2U);   // t3: ann and bob
  EXPECT_EQ(page.tasks[12].assignees.size(), 3U);  // t12: boss first, then ann and bob
}

// The assignee rows' copy of each task's status and due date follows every change to the task,
// whoever makes it: the fast list always equals the list read from the tasks themselves.
TEST_F(TaskPageTest, APersonsOpenListFollowsEveryChangeToTheirTasks) {
  TaskRepository repo(*db_);
  const auto a = task("a", ann_, 50);
  const auto b = task("b", ann_, std::nullopt);
  const auto c = task("c", ann_, 30);
  const auto d = task("d", bob_, 10);
  TaskQuery mine;
  mine.status = TaskStatus::open;
  mine.assignee_id = ann_;
  const auto expect_list = [&](const std::vector<std::string>& want) {
    const auto page = repo.page(mine, 0, 10);
    EXPECT_EQ(titles(page), want);
    EXPECT_EQ(page.total, static_cast<std::int64_t>(want.size()));
  };
  expect_list({"c", "a", "b"});
  repo.set_due(b, 20);  // now the earliest
  expect_list({"b", "c", "a"});
  repo.set_done(c, 100);
  expect_list({"b", "a"});
  repo.set_cancelled(a);
  expect_list({"b"});
  repo.set_reopened(c);
  expect_list({"b", "c"});
  repo.set_lead(d, ann_, std::nullopt);  // bob's task handed to ann
  expect_list({"d", "b", "c"});
  mine.assignee_id = bob_;
  expect_list({});
  // A row written the old way, without the task's values, gets them from the task.
  db_->exec("INSERT INTO task_assignees (task_id, member_id, lead, position) VALUES (" +
            std::to_string(c) + ", " + std::to_string(bob_) + ", 0, 1)");
  expect_list({"c"});
}

}  // namespace
}  // namespace wgbot::storage
