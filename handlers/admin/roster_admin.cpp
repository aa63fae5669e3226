#include "handlers/admin/roster_admin.hpp"

#include <date/date.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "core/text_fold.hpp"
#include "handlers/admin/invite_code.hpp"
#include "storage/account_repository.hpp"
#include "storage/audit_repository.hpp"
#include "storage/member_repository.hpp"
#include "storage/unit_repository.hpp"

namespace wgbot {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxNameBytes = 200;
constexpr std::size_t kMaxFieldBytes = 300;

AdminError bad(std::string key) {
  return AdminError{Msg::admin_bad_value, std::move(key)};
}

bool valid_handle(std::string_view h) {
  if (h.size() < 2 || h.size() > 32) return false;
  return std::all_of(h.begin(), h.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
  });
}

bool valid_phone(std::string_view p) {
  if (p.empty()) return true;
  const auto digits =
      std::count_if(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; });
  return digits >= 6 && digits <= 15 && std::all_of(p.begin(), p.end(), [](char c) {
           return (c >= '0' && c <= '9') || c == ' ' || c == '+' || c == '-' || c == '.' ||
                  c == '(' || c == ')';
         });
}

bool valid_email(std::string_view e) {
  if (e.empty()) return true;
  const auto at = e.find('@');
  return at != std::string_view::npos && at > 0 && e.find('.', at) != std::string_view::npos &&
         e.find(' ') == std::string_view::npos && e.size() <= kMaxFieldBytes;
}

std::optional<bool> parse_flag(std::string_view v) {
  const std::string f = lower_utf8(trim(v));
  if (f == "on" || f == "yes" || f == "true" || f == "1" || f == "co") return true;
  if (f == "off" || f == "no" || f == "false" || f == "0" || f == "khong") return false;
  return std::nullopt;
}

std::string unit_short(storage::Connection& db, const std::optional<std::int64_t>& unit_id) {
  if (!unit_id) return "";
  const auto unit = storage::UnitRepository(db).by_id(*unit_id);
  return unit ? unit->short_name : "";
}

// The audited view of a member: the roster fields, never their accounts.
json member_json(storage::Connection& db, const Member& m) {
  return json{{"name", m.name},           {"unit", unit_short(db, m.unit_id)},
              {"role", role_key(m.role)}, {"title", m.title},
              {"phone", m.phone},         {"email", m.email},
              {"admin", m.is_admin},      {"active", m.active}};
}

// Only what differs between two views.
std::pair<std::string, std::string> diff(const json& before, const json& after) {
  json b = json::object();
  json a = json::object();
  for (const auto& [key, value] : after.items()) {
    if (!before.contains(key) || before.at(key) != value) {
      if (before.contains(key)) b[key] = before.at(key);
      a[key] = value;
    }
  }
  return {b.dump(), a.dump()};
}

// Applies roster fields to `m`; the first bad one is refused with its key.
AdminStatus apply_member_fields(storage::Connection& db, const std::vector<KeyValue>& fields,
                                Member& m) {
  for (const auto& f : fields) {
    const std::string value(trim(f.value));
    if (f.key == "name") {
      if (value.empty() || value.size() > kMaxNameBytes) return bad(f.key);
      m.name = value;
    } else if (f.key == "unit") {
      const auto unit = storage::UnitRepository(db).find(value);
      if (!unit) return bad(f.key);
      m.unit_id = unit->id;
    } else if (f.key == "role") {
      const auto role = role_from_key(lower_utf8(value));
      if (!role) return bad(f.key);
      m.role = *role;
    } else if (f.key == "title") {
      if (value.size() > kMaxFieldBytes) return bad(f.key);
      m.title = value;
    } else if (f.key == "phone") {
      if (!valid_phone(value)) return bad(f.key);
      m.phone = value;
    } else if (f.key == "email") {
      if (!valid_email(value)) return bad(f.key);
      m.email = value;
    } else if (f.key == "admin") {
      const auto on = parse_flag(value);
      if (!on) return bad(f.key);
      m.is_admin = *on;
    } else if (f.key != "handle") {
      return AdminError{Msg::admin_unknown_key, f.key};
    }
  }
  return std::nullopt;
}

std::optional<std::string> first_unknown(const std::vector<KeyValue>& fields,
                                         const std::vector<std::string_view>& allowed) {
  for (const auto& f : fields) {
    if (std::find(allowed.begin(), allowed.end(), f.key) == allowed.end()) return f.key;
  }
  return std::nullopt;
}

std::optional<std::string> value_of(const std::vector<KeyValue>& fields, std::string_view key) {
  std::optional<std::string> found;
  for (const auto& f : fields) {
    if (f.key == key) found = std::string(trim(f.value));
  }
  return found;
}

// An active member by handle, or the refusal naming the handle.
AdminStatus find_member(storage::Connection& db, const std::string& handle, Member& out) {
  if (handle.empty()) return AdminError{Msg::admin_missing_key, "@handle"};
  auto m = storage::MemberRepository(db).by_handle(handle);
  if (!m) return AdminError{Msg::admin_no_member, handle};
  out = std::move(*m);
  return std::nullopt;
}

// The member's change, written and audited.
void save_member(storage::Connection& db, const AdminActor& actor, const std::string& action,
                 const Member& before, const Member& after) {
  storage::MemberRepository(db).update(after);
  audit_member_change(db, actor, action, before, after);
}

bool removes_last_admin(storage::Connection& db, const Member& before, const Member& after) {
  const bool loses = before.is_admin && before.active && (!after.is_admin || !after.active);
  return loses && storage::MemberRepository(db).count_active_admins() <= 1;
}

}  // namespace

void write_audit(storage::Connection& db, const AdminActor& actor, const std::string& action,
                 const std::string& target, const std::string& before, const std::string& after) {
  storage::AuditRepository(db).write(
      AuditEntry{0, actor.now, actor.name, action, target, before, after});
}

void audit_member_change(storage::Connection& db, const AdminActor& actor,
                         const std::string& action, const std::optional<Member>& before,
                         const Member& after) {
  if (!before) {
    write_audit(db, actor, action, "@" + after.handle, "", member_json(db, after).dump());
    return;
  }
  const auto [b, a] = diff(member_json(db, *before), member_json(db, after));
  write_audit(db, actor, action, "@" + after.handle, b, a);
}

AdminStatus add_unit(storage::Connection& db, const AdminActor& actor,
                     const std::vector<KeyValue>& fields, Unit* added) {
  if (auto key = first_unknown(fields, {"name", "short"})) {
    return AdminError{Msg::admin_unknown_key, *key};
  }
  const auto name = value_of(fields, "name");
  const auto short_name = value_of(fields, "short");
  if (!name || name->empty()) return AdminError{Msg::admin_missing_key, "name"};
  if (!short_name || short_name->empty()) return AdminError{Msg::admin_missing_key, "short"};
  if (name->size() > kMaxNameBytes) return bad("name");
  if (short_name->size() > 32 || short_name->find(' ') != std::string::npos) return bad("short");
  storage::UnitRepository units(db);
  if (units.find(*name)) return AdminError{Msg::admin_unit_exists, *name};
  if (units.find(*short_name)) return AdminError{Msg::admin_unit_exists, *short_name};
  if (storage::MemberRepository(db).by_handle(lower_utf8(*short_name))) {
    return AdminError{Msg::admin_handle_taken, *short_name};  // "/members X" must stay unambiguous
  }
  const auto id = units.add(*name, *short_name, actor.now);
  write_audit(db, actor, "addunit", *short_name, "",
              json{{"name", *name}, {"short", *short_name}}.dump());
  if (added != nullptr) *added = *units.by_id(id);
  return std::nullopt;
}

AdminStatus add_member(storage::Connection& db, const AdminActor& actor,
                       const std::vector<KeyValue>& fields, Member* added) {
  if (auto key = first_unknown(
          fields, {"name", "handle", "unit", "role", "title", "phone", "email", "admin"})) {
    return AdminError{Msg::admin_unknown_key, *key};
  }
  for (const char* required : {"name", "handle", "unit"}) {
    const auto v = value_of(fields, required);
    if (!v || v->empty()) return AdminError{Msg::admin_missing_key, required};
  }
  const std::string handle = handle_of(*value_of(fields, "handle"));
  if (!valid_handle(handle)) return bad("handle");
  storage::MemberRepository members(db);
  if (members.by_handle(handle)) return AdminError{Msg::admin_handle_taken, handle};
  if (storage::UnitRepository(db).find(handle)) return AdminError{Msg::admin_handle_taken, handle};
  Member m;
  m.handle = handle;
  if (auto refused = apply_member_fields(db, fields, m)) return refused;
  const auto id = members.add(
      NewMember{m.handle, m.name, m.unit_id, m.role, m.title, m.phone, m.email, m.is_admin},
      actor.now);
  m = *members.by_id(id);
  audit_member_change(db, actor, "addmember", std::nullopt, m);
  if (added != nullptr) *added = m;
  return std::nullopt;
}

AdminStatus edit_member(storage::Connection& db, const AdminActor& actor, const std::string& handle,
                        const std::vector<KeyValue>& fields, Member* edited) {
  Member before;
  if (auto refused = find_member(db, handle, before)) return refused;
  if (fields.empty()) return AdminError{Msg::admin_missing_key, "name|unit|role|title|phone|email"};
  if (auto key = first_unknown(fields, {"name", "unit", "role", "title", "phone", "email"})) {
    return AdminError{Msg::admin_unknown_key, *key};
  }
  Member after = before;
  if (auto refused = apply_member_fields(db, fields, after)) return refused;
  save_member(db, actor, "editmember", before, after);
  if (edited != nullptr) *edited = after;
  return std::nullopt;
}

AdminStatus set_member_role(storage::Connection& db, const AdminActor& actor,
                            const std::string& handle, const std::string& role, Member* edited) {
  Member before;
  if (auto refused = find_member(db, handle, before)) return refused;
  const auto parsed = role_from_key(lower_utf8(trim(role)));
  if (!parsed) return bad("role");
  Member after = before;
  after.role = *parsed;
  save_member(db, actor, "setrole", before, after);
  if (edited != nullptr) *edited = after;
  return std::nullopt;
}

AdminStatus set_member_admin(storage::Connection& db, const AdminActor& actor,
                             const std::string& handle, bool on, Member* edited) {
  Member before;
  if (auto refused = find_member(db, handle, before)) return refused;
  Member after = before;
  after.is_admin = on;
  if (removes_last_admin(db, before, after)) return AdminError{Msg::admin_last_admin, handle};
  save_member(db, actor, on ? "admin_on" : "admin_off", before, after);
  if (edited != nullptr) *edited = after;
  return std::nullopt;
}

AdminStatus deactivate_member(storage::Connection& db, const AdminActor& actor,
                              const std::string& handle, Member* deactivated,
                              std::vector<OpenTask>* open_tasks) {
  Member before;
  if (auto refused = find_member(db, handle, before)) return refused;
  if (!before.active) return AdminError{Msg::admin_member_inactive, handle};
  Member after = before;
  after.active = false;
  if (removes_last_admin(db, before, after)) return AdminError{Msg::admin_last_admin, handle};
  save_member(db, actor, "deactivate", before, after);
  if (open_tasks != nullptr) {
    for (auto& [id, title] : storage::MemberRepository(db).open_tasks(before.id)) {
      open_tasks->push_back(OpenTask{id, std::move(title)});
    }
  }
  if (deactivated != nullptr) *deactivated = after;
  return std::nullopt;
}

AdminStatus create_invite(storage::Connection& db, const AdminActor& actor,
                          const std::string& handle, Invite* invite) {
  Member member;
  if (auto refused = find_member(db, handle, member)) return refused;
  if (!member.active) return AdminError{Msg::admin_member_inactive, handle};
  Invite made{member, make_invite_code(), actor.now + kInviteLifetimeSeconds};
  storage::InviteRepository(db).create(made.code, member.id, actor.now, made.expires_at);
  // The code itself is not audited: the audit log is read by every admin.
  write_audit(db, actor, "invite", "@" + member.handle, "",
              json{{"expires", date::format("%FT%TZ", std::chrono::sys_seconds{std::chrono::seconds{
                                                          made.expires_at}})}}
                  .dump());
  if (invite != nullptr) *invite = std::move(made);
  return std::nullopt;
}

}  // namespace wgbot
