#include "storage/export_repository.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include "storage/connection.hpp"
#include "storage/sql_values.hpp"

namespace wgbot::storage {

std::vector<TaskExportRow> tasks_for_export(Connection& db) {
  auto q = db.prepare(
      "SELECT t.id, t.title, t.src, t.status, am.handle, "
      "  (SELECT m.handle FROM task_assignees a JOIN members m ON m.id = a.member_id "
      "   WHERE a.task_id = t.id AND a.lead = 1), "
      "  (SELECT group_concat(handle, ' ') FROM (SELECT m.handle FROM task_assignees a "
      "   JOIN members m ON m.id = a.member_id WHERE a.task_id = t.id ORDER BY a.position)), "
      "  (SELECT u.short FROM task_assignees a JOIN units u ON u.id = a.unit_id "
      "   WHERE a.task_id = t.id AND a.lead = 1), "
      "  t.due_at, t.progress, t.created_at, t.done_at "
      "FROM tasks t JOIN members am ON am.id = t.assigner_id ORDER BY t.id");
  std::vector<TaskExportRow> out;
  while (q->executeStep()) {
    TaskExportRow r;
    r.id = q->getColumn(0).getInt64();
    r.title = q->getColumn(1).getString();
    r.src = q->getColumn(2).getString();
    r.status = q->getColumn(3).getString();
    r.assigner = q->getColumn(4).getString();
    r.lead = q->getColumn(5).getString();
    r.assignees = q->getColumn(6).getString();
    r.unit = q->getColumn(7).getString();
    r.due_at = optional_int(q->getColumn(8));
    r.progress = q->getColumn(9).getInt();
    r.created_at = q->getColumn(10).getInt64();
    r.done_at = optional_int(q->getColumn(11));
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace wgbot::storage
