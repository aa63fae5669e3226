// Telling the people concerned about a task change, each in their own language, in their
// private chat. The actor is never told about their own action (they got the reply).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "core/outgoing.hpp"
#include "handlers/task_format.hpp"
#include "handlers/task_state.hpp"
#include "storage/task_repository.hpp"

namespace wgbot::storage {
class Connection;
}

namespace wgbot {

struct TaskNotices {
  storage::Connection& db;
  const Config& config;
  const timeexpr::Calendar& cal;
  TaskPeople& people;
  std::int64_t actor_id;
  std::vector<Outgoing>& out;

  // New task: the lead (chủ trì, with buttons) and the supporters (phối hợp). With `only`, just
  // that member (a new lead after /assign).
  void assigned(const TaskRecord& task, std::optional<std::int64_t> only = std::nullopt);
  // The previous lead, after /assign.
  void reassigned_away(const TaskRecord& task, std::int64_t old_lead);
  void redated(const TaskRecord& task, const std::optional<std::int64_t>& old_due);
  void cancelled(const TaskRecord& task);
  void reopened(const TaskRecord& task);
  // The assigner and the other assignees.
  void done(const TaskRecord& task, const TaskStateInfo& state, const std::string& note);

 private:
  struct Body {
    std::string text;
    ButtonRows buttons;
  };
  template <typename Build>
  void send(std::int64_t member_id, Build build);
  void to_assignees(const TaskRecord& task, Msg header, bool with_actor);
};

}  // namespace wgbot
