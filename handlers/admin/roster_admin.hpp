// Roster changes shared by the chat commands and the CLI: units, members, roles, the admin
// flag, deactivation and invites. Each validates first (so a refusal changes nothing), makes
// the change, and writes its audit row (actor, action, target, before/after) in the caller's
// transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "handlers/admin/admin_args.hpp"
#include "handlers/messages.hpp"
#include "storage/model.hpp"

namespace wgbot::storage {
class Connection;
}

namespace wgbot {

// Why a change was refused: a catalogue line with one argument (usually the key or handle).
struct AdminError {
  Msg msg;
  std::string arg;
};

// nullopt: done.
using AdminStatus = std::optional<AdminError>;

struct AdminActor {
  std::string name;  // "@handle" in chat, "cli" on the command line
  std::int64_t now = 0;
};

constexpr std::int64_t kInviteLifetimeSeconds = std::int64_t{7} * 24 * 3600;

void write_audit(storage::Connection& db, const AdminActor& actor, const std::string& action,
                 const std::string& target, const std::string& before, const std::string& after);

// The audit row of a member added (`before` empty) or changed: the roster fields that differ.
void audit_member_change(storage::Connection& db, const AdminActor& actor,
                         const std::string& action, const std::optional<Member>& before,
                         const Member& after);

// Keys: name, short (both required).
AdminStatus add_unit(storage::Connection& db, const AdminActor& actor,
                     const std::vector<KeyValue>& fields, Unit* added);
// Keys: name, handle, unit (required), role (default member), title, phone, email, admin.
AdminStatus add_member(storage::Connection& db, const AdminActor& actor,
                       const std::vector<KeyValue>& fields, Member* added);
// Keys: name, unit, role, title, phone, email.
AdminStatus edit_member(storage::Connection& db, const AdminActor& actor, const std::string& handle,
                        const std::vector<KeyValue>& fields, Member* edited);
AdminStatus set_member_role(storage::Connection& db, const AdminActor& actor,
                            const std::string& handle, const std::string& role, Member* edited);
// The last active admin keeps the flag.
AdminStatus set_member_admin(storage::Connection& db, const AdminActor& actor,
                             const std::string& handle, bool on, Member* edited);

struct OpenTask {
  std::int64_t id = 0;
  std::string title;
};

// The member keeps their history (tasks, events) but loses access and stops receiving
// messages; their open tasks are returned for reassignment. The last active admin stays.
AdminStatus deactivate_member(storage::Connection& db, const AdminActor& actor,
                              const std::string& handle, Member* deactivated,
                              std::vector<OpenTask>* open_tasks);

struct Invite {
  Member member;
  std::string code;
  std::int64_t expires_at = 0;
};

AdminStatus create_invite(storage::Connection& db, const AdminActor& actor,
                          const std::string& handle, Invite* invite);

}  // namespace wgbot
