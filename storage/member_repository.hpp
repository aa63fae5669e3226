// Members of the working group.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "storage/model.hpp"

namespace wgbot::storage {

class Connection;

class MemberRepository {
 public:
  explicit MemberRepository(storage::Connection& db) : db_(db) {}

  // Throws std::runtime_error("handle … is taken") on a duplicate handle.
  std::int64_t add(const NewMember& member, std::int64_t now);
  std::optional<Member> by_id(std::int64_t id) const;
  std::optional<Member> by_handle(const std::string& handle) const;
  std::vector<Member> list_active() const;
  // Members whose folded name contains `folded_needle`, or whose handle equals it.
  std::vector<Member> search(const std::string& folded_needle) const;
  std::int64_t count() const;
  void set_lang(std::int64_t member_id, const std::string& lang);
  void set_admin(std::int64_t member_id, bool is_admin);
  void set_preferred_account(std::int64_t member_id, std::int64_t account_id);
  // Writes the roster fields (name, unit, role, title, phone, email, admin, active) of `member`.
  void update(const Member& member);
  // Every member, active or not, ordered by id (for exports and the CLI).
  std::vector<Member> list_all() const;
  std::int64_t count_active_admins() const;
  // Open tasks the member is an assignee of (id, title), oldest first.
  std::vector<std::pair<std::int64_t, std::string>> open_tasks(std::int64_t member_id) const;

 private:
  storage::Connection& db_;
};

}  // namespace wgbot::storage
