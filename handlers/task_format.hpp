// How tasks read in replies and notifications: the card that echoes a task, list entries, the
// detail view with its history, state names in the government's tracking terms, command hints
// and buttons.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/outgoing.hpp"
#include "handlers/messages.hpp"
#include "handlers/task_state.hpp"
#include "handlers/time/calendar.hpp"
#include "storage/model.hpp"
#include "storage/task_repository.hpp"

namespace wgbot::storage {
class Connection;
}

namespace wgbot {

// Members and units looked up once per command.
class TaskPeople {
 public:
  explicit TaskPeople(storage::Connection& db) : db_(db) {}

  const Member* member(std::int64_t id);
  const Unit* unit(std::int64_t id);
  // "đ/c Lê Tự Lực" (vi) / "Lê Tự Lực" (en); "—" for an unknown id.
  std::string person(Lang lang, std::int64_t member_id);
  // The bare name, for sentences that address the person themselves.
  std::string name(std::int64_t member_id);

 private:
  storage::Connection& db_;
  std::map<std::int64_t, std::optional<Member>> members_;
  std::map<std::int64_t, std::optional<Unit>> units_;
};

// What formatting needs besides the task: the reader's language and the calendar.
struct TaskLook {
  Lang lang = Lang::vi;
  const timeexpr::Calendar& cal;
  TaskPeople& people;
};

std::string state_label(Lang lang, const TaskStateInfo& state);

// "quá hạn 3 ngày", "quá hạn 1 ngày", "quá hạn từ 05:34 hôm nay" (days 0: `since` is the
// deadline's local time of day) — how every message says how late a task is.
std::string overdue_text(Lang lang, int days, std::chrono::minutes since);
// The full date (`17:00 thứ Sáu, 04/12/2026`) or "chưa có hạn".
std::string deadline_text(const TaskLook& look, const std::optional<std::int64_t>& due_at);

// Title, lead, supporting, deadline and source document, one per line.
std::string task_card(const TaskLook& look, const TaskRecord& task);
// Two short lines: "#12 title" and "lead · due … · state".
std::string task_list_entry(const TaskLook& look, const TaskRecord& task,
                            const TaskStateInfo& state);
// The card, assigner, state, progress and the history.
std::string task_detail(const TaskLook& look, const TaskRecord& task, const TaskStateInfo& state,
                        const std::vector<TaskEvent>& events);

// "Trả lời: /danhan 12 · /xong 12 · /tiendo 12 50%" — for platforms without buttons.
std::string lead_hint(Lang lang, std::int64_t task_id);
std::string detail_hint(Lang lang, std::int64_t task_id);
// 👌 Đã nhận · ✅ Xong · 📋 Chi tiết (callback data ack:ID, done:ID, detail:ID).
ButtonRows lead_buttons(Lang lang, std::int64_t task_id);
ButtonRows detail_buttons(Lang lang, std::int64_t task_id);

}  // namespace wgbot
