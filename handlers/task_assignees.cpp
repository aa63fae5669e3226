#include "handlers/task_assignees.hpp"

#include <algorithm>

#include "storage/account_repository.hpp"
#include "storage/member_repository.hpp"
#include "storage/unit_repository.hpp"

namespace wgbot {

namespace {

std::optional<Member> active_member(const storage::MemberRepository& members, std::int64_t id) {
  auto m = members.by_id(id);
  if (!m || !m->active) return std::nullopt;
  return m;
}

struct One {
  std::optional<ResolvedAssignee> assignee;
  MentionError error = MentionError::unknown;
};

One resolve_one(storage::Connection& db, const std::string& platform, const TaskMention& mention) {
  const storage::MemberRepository members(db);
  const storage::AccountRepository accounts(db);
  if (!mention.user_id.empty()) {
    const auto account = accounts.find(platform, mention.user_id);
    const auto member =
        account && account->member_id ? active_member(members, *account->member_id) : std::nullopt;
    if (!member) return One{std::nullopt, MentionError::not_linked};
    return One{ResolvedAssignee{*member, std::nullopt}};
  }
  // Member handles and unit short names share one namespace.
  if (auto member = members.by_handle(mention.name); member && member->active) {
    return One{ResolvedAssignee{*member, std::nullopt}};
  }
  if (auto unit = storage::UnitRepository(db).find(mention.name)) {
    const auto contact =
        unit->contact_member_id ? active_member(members, *unit->contact_member_id) : std::nullopt;
    if (!contact) return One{std::nullopt, MentionError::unit_no_contact};
    return One{ResolvedAssignee{*contact, *unit}};
  }
  if (const auto account = accounts.by_username(platform, mention.name);
      account && account->member_id) {
    if (auto member = active_member(members, *account->member_id)) {
      return One{ResolvedAssignee{*member, std::nullopt}};
    }
  }
  return One{std::nullopt, MentionError::unknown};
}

}  // namespace

std::optional<std::int64_t> ResolvedAssignee::unit_id() const {
  if (via_unit) return via_unit->id;
  return member.unit_id;
}

ResolveResult resolve_mentions(storage::Connection& db, const std::string& platform,
                               const std::vector<TaskMention>& mentions) {
  ResolveResult out;
  for (const auto& mention : mentions) {
    auto one = resolve_one(db, platform, mention);
    if (!one.assignee) {
      out.error = one.error;
      out.failed = mention.name;
      return out;
    }
    const bool seen = std::any_of(
        out.assignees.begin(), out.assignees.end(),
        [&](const ResolvedAssignee& a) { return a.member.id == one.assignee->member.id; });
    if (!seen) out.assignees.push_back(std::move(*one.assignee));
  }
  return out;
}

std::vector<TaskAssignee> to_task_assignees(const std::vector<ResolvedAssignee>& resolved) {
  std::vector<TaskAssignee> out;
  int position = 0;
  for (const auto& r : resolved) {
    out.push_back(TaskAssignee{r.member.id, r.unit_id(), position == 0, position});
    ++position;
  }
  return out;
}

}  // namespace wgbot
