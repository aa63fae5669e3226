// Who a `/task` mention names: a member handle, a unit's short name (its contact member), an
// @username linked to a member on the platform the command came from, or a mention of a
// platform user without a username (by that platform's user id).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "handlers/task_parse.hpp"
#include "storage/model.hpp"
#include "storage/task_repository.hpp"

namespace wgbot::storage {
class Connection;
}

namespace wgbot {

struct ResolvedAssignee {
  Member member;
  std::optional<Unit> via_unit;  // named by the unit's short name
  // The unit the assignee acts for: the named unit, else the member's own.
  [[nodiscard]] std::optional<std::int64_t> unit_id() const;
};

enum class MentionError {
  unknown,          // no active member, unit or linked @username by that name
  unit_no_contact,  // the unit has no (active) contact member
  not_linked,       // a text_mention of a platform user who is not a member
};

struct ResolveResult {
  std::vector<ResolvedAssignee> assignees;  // deduplicated, in the order written
  std::optional<MentionError> error;
  std::string failed;  // the mention that failed, as written (without '@')
};

// Resolves every mention or stops at the first that fails.
// `platform`: where the command came from; usernames and user ids are that platform's.
ResolveResult resolve_mentions(storage::Connection& db, const std::string& platform,
                               const std::vector<TaskMention>& mentions);

// The assignees as task rows: the first leads.
std::vector<TaskAssignee> to_task_assignees(const std::vector<ResolvedAssignee>& resolved);

}  // namespace wgbot
