#include "storage/member_repository.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <stdexcept>

#include "core/text_fold.hpp"
#include "storage/connection.hpp"
#include "storage/sql_values.hpp"

namespace wgbot::storage {

namespace {

constexpr const char* kMemberColumns =
    "id, handle, name, unit_id, role, title, phone, email, is_admin, active, lang, "
    "preferred_account_id";

Member read_member(SQLite::Statement& q) {
  Member m;
  m.id = q.getColumn(0).getInt64();
  m.handle = q.getColumn(1).getString();
  m.name = q.getColumn(2).getString();
  m.unit_id = optional_int(q.getColumn(3));
  m.role = role_from_key(q.getColumn(4).getString()).value_or(Role::member);
  m.title = q.getColumn(5).getString();
  m.phone = q.getColumn(6).getString();
  m.email = q.getColumn(7).getString();
  m.is_admin = q.getColumn(8).getInt() != 0;
  m.active = q.getColumn(9).getInt() != 0;
  m.lang = q.getColumn(10).getString();
  m.preferred_account_id = optional_int(q.getColumn(11));
  return m;
}

std::vector<Member> read_members(SQLite::Statement& q) {
  std::vector<Member> out;
  while (q.executeStep()) out.push_back(read_member(q));
  return out;
}

}  // namespace

std::int64_t MemberRepository::add(const NewMember& m, std::int64_t now) {
  if (by_handle(m.handle)) throw std::runtime_error("handle @" + m.handle + " is taken");
  auto q = db_.prepare(
      "INSERT INTO members (handle, name, name_folded, unit_id, role, title, "
      "phone, email, is_admin, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)");
  q->bind(1, m.handle);
  q->bind(2, m.name);
  q->bind(3, fold_for_search(m.name));
  bind_optional(*q, 4, m.unit_id);
  q->bind(5, std::string(role_key(m.role)));
  q->bind(6, m.title);
  q->bind(7, m.phone);
  q->bind(8, m.email);
  q->bind(9, m.is_admin ? 1 : 0);
  q->bind(10, now);
  q->exec();
  return db_.getLastInsertRowid();
}

std::optional<Member> MemberRepository::by_id(std::int64_t id) const {
  // Built once: every update looks its sender's member up.
  static const std::string sql =
      std::string("SELECT ") + kMemberColumns + " FROM members WHERE id = ?";
  auto q = db_.prepare(sql);
  q->bind(1, id);
  if (!q->executeStep()) return std::nullopt;
  return read_member(*q);
}

std::optional<Member> MemberRepository::by_handle(const std::string& handle) const {
  auto q = db_.prepare(std::string("SELECT ") + kMemberColumns + " FROM members WHERE handle = ?");
  q->bind(1, handle);
  if (!q->executeStep()) return std::nullopt;
  return read_member(*q);
}

std::vector<Member> MemberRepository::list_active() const {
  SQLite::Statement q(
      db_, std::string("SELECT ") + kMemberColumns + " FROM members WHERE active = 1 ORDER BY id");
  return read_members(q);
}

std::vector<Member> MemberRepository::search(const std::string& folded_needle) const {
  auto q = db_.prepare(std::string("SELECT ") + kMemberColumns +
                       " FROM members WHERE active = 1 AND (instr(name_folded, ?1) > 0 "
                       "OR handle = ?1) ORDER BY (handle = ?1) DESC, name_folded");
  q->bind(1, folded_needle);
  return read_members(*q);
}

std::int64_t MemberRepository::count() const {
  return db_.execAndGet("SELECT COUNT(*) FROM members").getInt64();
}

void MemberRepository::set_lang(std::int64_t member_id, const std::string& lang) {
  auto q = db_.prepare("UPDATE members SET lang = ? WHERE id = ?");
  q->bind(1, lang);
  q->bind(2, member_id);
  q->exec();
}

void MemberRepository::set_admin(std::int64_t member_id, bool is_admin) {
  auto q = db_.prepare("UPDATE members SET is_admin = ? WHERE id = ?");
  q->bind(1, is_admin ? 1 : 0);
  q->bind(2, member_id);
  q->exec();
}

void MemberRepository::set_preferred_account(std::int64_t member_id, std::int64_t account_id) {
  auto q = db_.prepare("UPDATE members SET preferred_account_id = ? WHERE id = ?");
  q->bind(1, account_id);
  q->bind(2, member_id);
  q->exec();
}

void MemberRepository::update(const Member& m) {
  auto q = db_.prepare(
      "UPDATE members SET name = ?, name_folded = ?, unit_id = ?, role = ?, title = ?, "
      "phone = ?, email = ?, is_admin = ?, active = ? WHERE id = ?");
  q->bind(1, m.name);
  q->bind(2, fold_for_search(m.name));
  bind_optional(*q, 3, m.unit_id);
  q->bind(4, std::string(role_key(m.role)));
  q->bind(5, m.title);
  q->bind(6, m.phone);
  q->bind(7, m.email);
  q->bind(8, m.is_admin ? 1 : 0);
  q->bind(9, m.active ? 1 : 0);
  q->bind(10, m.id);
  q->exec();
}

std::vector<Member> MemberRepository::list_all() const {
  SQLite::Statement q(db_, std::string("SELECT ") + kMemberColumns + " FROM members ORDER BY id");
  return read_members(q);
}

std::int64_t MemberRepository::count_active_admins() const {
  return db_.execAndGet("SELECT COUNT(*) FROM members WHERE active = 1 AND is_admin = 1")
      .getInt64();
}

std::vector<std::pair<std::int64_t, std::string>> MemberRepository::open_tasks(
    std::int64_t member_id) const {
  auto q = db_.prepare(
      "SELECT t.id, t.title FROM task_assignees a JOIN tasks t ON t.id = a.task_id "
      "WHERE a.member_id = ? AND t.status = 'open' ORDER BY t.id");
  q->bind(1, member_id);
  std::vector<std::pair<std::int64_t, std::string>> out;
  while (q->executeStep())
    out.emplace_back(q->getColumn(0).getInt64(), q->getColumn(1).getString());
  return out;
}

}  // namespace wgbot::storage
