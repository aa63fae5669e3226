// Whole-table reads for the CSV exports: every task with its people, flattened to one row.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wgbot::storage {

class Connection;

struct TaskExportRow {
  std::int64_t id = 0;
  std::string title;
  std::string src;
  std::string status;
  std::string assigner;   // handle
  std::string lead;       // handle of the lead assignee
  std::string assignees;  // handles in order, separated by spaces
  std::string unit;       // short name of the lead's unit
  std::optional<std::int64_t> due_at;
  int progress = 0;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> done_at;
};

std::vector<TaskExportRow> tasks_for_export(Connection& db);

}  // namespace wgbot::storage
