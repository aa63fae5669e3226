// The permission table: every command × every role (with and without the admin flag) and an
// unlinked account, against the rules written out below, through the dispatcher and handlers.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <set>

#include "fakes/test_bot.hpp"
#include "handlers/command_table.hpp"
#include "storage/audit_repository.hpp"
#include "storage/connection.hpp"
#include "storage/member_repository.hpp"

namespace wgbot {
namespace {

using testing::TestBot;

// Written from the rules, not from the table: admin commands are for admins only; an
// unlinked account may run only /start and /help; everything else needs a linked member.
const std::set<std::string> kAdminOnly = {"addunit",  "addmember", "editmember", "deactivate",
                                          "invite",   "setrole",   "admin",      "broadcast",
                                          "settings", "export",    "audit"};
const std::set<std::string> kAnyone = {"start", "help"};

struct Who {
  std::string handle;  // empty: unlinked
  bool admin = false;
};

// Who sends: one member of each role without the admin flag, each role again with it, and an
// unlinked account.
std::vector<Who> everyone() {
  std::vector<Who> out;
  for (const char* h : {"chutich", "quy", "luc", "hung", "thao"}) {
    out.push_back({h, false});
    out.push_back({h, true});
  }
  out.push_back({"", false});
  return out;
}

bool expected_allowed(const std::string& command, const Who& who) {
  if (kAnyone.contains(command)) return true;
  if (who.handle.empty()) return false;
  return !kAdminOnly.contains(command) || who.admin;
}

// Everything a command could change, except the audit log (a refusal is audited) and the
// accounts' last-seen times.
std::string snapshot(storage::Writer& writer) {
  return writer.run([](storage::Connection& db) {
    std::string all;
    for (const char* sql :
         {"SELECT * FROM members ORDER BY id", "SELECT * FROM units ORDER BY id",
          "SELECT * FROM invites ORDER BY code", "SELECT * FROM settings ORDER BY key",
          "SELECT * FROM tasks ORDER BY id", "SELECT * FROM reminders ORDER BY id",
          "SELECT * FROM broadcasts ORDER BY id",
          "SELECT member_id, platform, platform_user_id FROM accounts ORDER BY id"}) {
      SQLite::Statement q(db, sql);
      while (q.executeStep()) {
        for (int i = 0; i < q.getColumnCount(); ++i) all += q.getColumn(i).getString() + "|";
        all += "\n";
      }
    }
    return all;
  });
}

void set_admin(TestBot& bot, const std::string& handle, bool on) {
  bot.writer().run([&](storage::Connection& db) {
    storage::MemberRepository members(db);
    members.set_admin(members.by_handle(handle)->id, on);
  });
}

TEST(PermissionMatrix, TableMatchesTheRules) {
  for (const auto& spec : command_table()) {
    const std::string name(spec.name);
    const Access expected = kAnyone.contains(name)      ? Access::anyone
                            : kAdminOnly.contains(name) ? Access::admin
                                                        : Access::linked;
    EXPECT_EQ(spec.access, expected) << name;
  }
  for (const auto& name : kAdminOnly) EXPECT_NE(find_command(name), nullptr) << name;
}

TEST(PermissionMatrix, EveryCommandForEveryRoleAndUnlinked) {
  TestBot bot;
  int account = 0;
  for (const auto& who : everyone()) {
    const std::string sender = "acct" + std::to_string(++account);
    if (!who.handle.empty()) {
      bot.link("telegram", sender, who.handle);
      set_admin(bot, who.handle, who.admin);
    }
    for (const auto& spec : command_table()) {
      const std::string command = "/" + std::string(spec.name);
      const std::string label = command + " as " + (who.handle.empty() ? "unlinked" : who.handle) +
                                (who.admin ? "+admin" : "");
      const bool allowed = expected_allowed(std::string(spec.name), who);
      const auto before = snapshot(bot.writer());
      const auto replies = bot.ask(command, sender);
      ASSERT_FALSE(replies.empty()) << label;
      const std::string refusal = who.handle.empty() ? tr(Lang::vi, Msg::not_linked)
                                                     : tr(Lang::vi, Msg::not_allowed, command);
      if (allowed) {
        EXPECT_NE(replies[0], refusal) << label;
        EXPECT_NE(replies[0], tr(Lang::vi, Msg::internal_error)) << label;
      } else {
        ASSERT_EQ(replies.size(), 1U) << label;
        EXPECT_EQ(replies[0], refusal) << label;
        EXPECT_EQ(snapshot(bot.writer()), before) << label << " changed something";
      }
    }
    if (!who.handle.empty()) set_admin(bot, who.handle, false);
  }
  set_admin(bot, "admin", true);
}

TEST(PermissionMatrix, HelpListsExactlyWhatTheReaderMayRun) {
  TestBot bot;
  int account = 0;
  for (const auto& who : everyone()) {
    const std::string sender = "help" + std::to_string(++account);
    if (!who.handle.empty()) {
      bot.link("telegram", sender, who.handle);
      set_admin(bot, who.handle, who.admin);
    }
    const auto replies = bot.ask("/help", sender);
    ASSERT_EQ(replies.size(), 1U);
    for (const auto& spec : command_table()) {
      // Vietnamese help leads with the Vietnamese name: "/ai (/whois) TÊN — …".
      const std::string english = "/" + std::string(spec.name);
      const std::string vietnamese =
          spec.aliases.empty() ? english : "/" + std::string(spec.aliases[0]);
      const std::string shown = spec.aliases.empty() ? english : vietnamese + " (" + english + ")";
      const bool listed = replies[0].find("\n" + shown + " ") != std::string::npos ||
                          replies[0].find("\n" + shown + "\n") != std::string::npos ||
                          replies[0].ends_with("\n" + shown);
      EXPECT_EQ(listed, expected_allowed(std::string(spec.name), who))
          << shown << " for " << who.handle << (who.admin ? "+admin" : "") << ":\n"
          << replies[0];
    }
    if (!who.handle.empty()) set_admin(bot, who.handle, false);
  }
}

TEST(PermissionMatrix, RefusedAdminCommandIsAudited) {
  TestBot bot;
  bot.link("telegram", "u1", "hung");
  const auto reply = bot.ask("/addunit name=\"Sở Thông tin và Truyền thông\" short=stttt");
  ASSERT_EQ(reply.size(), 1U);
  EXPECT_EQ(reply[0], tr(Lang::vi, Msg::not_allowed, "/addunit"));
  bot.ask("/export members", "stranger");
  const auto rows = bot.writer().run(
      [](storage::Connection& db) { return storage::AuditRepository(db).recent(10); });
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[1].actor, "@hung");
  EXPECT_EQ(rows[1].action, "refused");
  EXPECT_EQ(rows[1].target, "/addunit");
  EXPECT_EQ(rows[0].action, "refused");
  EXPECT_EQ(rows[0].target, "/export");
  EXPECT_TRUE(rows[0].actor.starts_with("account ")) << rows[0].actor;
}

}  // namespace
}  // namespace wgbot
