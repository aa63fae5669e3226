// The admin commands in chat: each one's success and refusal paths (a refusal changes nothing)
// and the audit row each action writes.
#include <gtest/gtest.h>

#include "storage/audit_repository.hpp"
#include "storage/member_repository.hpp"
#include "storage/unit_repository.hpp"
#include "unit/task_test_bot.hpp"

namespace wgbot {
namespace {

using testing::TaskBotTest;

class AdminCommands : public TaskBotTest {
 protected:
  // Every roster table, to prove a refusal changed nothing.
  std::string roster() {
    return bot.writer().run([](storage::Connection& db) {
      std::string dump;
      for (const char* sql :
           {"SELECT * FROM members ORDER BY id", "SELECT * FROM units ORDER BY id",
            "SELECT * FROM invites ORDER BY code", "SELECT * FROM settings ORDER BY key",
            "SELECT * FROM broadcasts ORDER BY id"}) {
        SQLite::Statement q(db, sql);
        while (q.executeStep()) {
          for (int i = 0; i < q.getColumnCount(); ++i) dump += q.getColumn(i).getString() + "|";
          dump += "\n";
        }
      }
      return dump;
    });
  }

  std::vector<AuditEntry> audit(int n = 50) {
    return bot.writer().run(
        [&](storage::Connection& db) { return storage::AuditRepository(db).recent(n); });
  }

  std::optional<Member> member(const std::string& handle) {
    return bot.writer().run(
        [&](storage::Connection& db) { return storage::MemberRepository(db).by_handle(handle); });
  }

  // `text` from the admin is refused with a reply containing `expect`; nothing changes.
  void expect_refused(const std::string& text, const std::string& expect) {
    const auto before = roster();
    const auto audit_before = audit().size();
    const auto reply = ask("admin", text);
    EXPECT_NE(reply.find(expect), std::string::npos) << text << " → " << reply;
    EXPECT_EQ(std::count(reply.begin(), reply.end(), '\n'), 1) << text << " → " << reply;
    EXPECT_EQ(roster(), before) << text;
    EXPECT_EQ(audit().size(), audit_before) << text;
  }
};

TEST_F(AdminCommands, AddUnit) {
  const auto reply = ask("admin", "/addunit name=\"Sở Thông tin và Truyền thông\" short=stttt");
  EXPECT_NE(reply.find("Đã thêm đơn vị Sở Thông tin và Truyền thông (stttt)"), std::string::npos)
      << reply;
  const auto unit = bot.writer().run(
      [](storage::Connection& db) { return storage::UnitRepository(db).find("stttt"); });
  ASSERT_TRUE(unit);
  EXPECT_EQ(unit->name, "Sở Thông tin và Truyền thông");
  const auto rows = audit(1);
  EXPECT_EQ(rows[0].actor, "@admin");
  EXPECT_EQ(rows[0].action, "addunit");
  EXPECT_EQ(rows[0].target, "stttt");
  EXPECT_NE(rows[0].after.find("Sở Thông tin và Truyền thông"), std::string::npos);

  expect_refused("/addunit name=\"Sở Xây dựng\" code=sxd", "code");
  expect_refused("/addunit name=\"Sở Xây dựng\"", "short");
  expect_refused("/addunit name=\"Sở Nội vụ\" short=snv2", "đã có");
  expect_refused("/addunit name=\"Sở Xây dựng short=sxd", "ngoặc kép");
}

TEST_F(AdminCommands, AddMemberWithQuotedValues) {
  const auto reply = ask("admin",
                         "/addmember name=\"Trịnh Văn Tuấn\" handle=tuan unit=\"Sở Nội vụ\" "
                         "role=staff title=\"Chuyên viên phòng CNTT\" phone=\"0912 000 200\"");
  EXPECT_NE(reply.find("Trịnh Văn Tuấn (@tuan)"), std::string::npos) << reply;
  const auto m = member("tuan");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->title, "Chuyên viên phòng CNTT");
  EXPECT_EQ(m->phone, "0912 000 200");
  EXPECT_EQ(m->role, Role::staff);
  EXPECT_EQ(audit(1)[0].action, "addmember");
  EXPECT_EQ(audit(1)[0].target, "@tuan");

  expect_refused("/addmember name=\"A B\" handle=ab unit=snv nickname=x", "nickname");
  expect_refused("/addmember name=\"A B\" handle=ab unit=snv phone=abc", "phone");
  expect_refused("/addmember name=\"A B\" handle=ab unit=nowhere", "unit");
  expect_refused("/addmember name=\"A B\" handle=ab unit=snv role=boss", "role");
  expect_refused("/addmember name=\"A B\" handle=tuan unit=snv", "@tuan");
  expect_refused("/addmember handle=ab unit=snv", "name");
}

TEST_F(AdminCommands, EditMemberRecordsBeforeAndAfter) {
  const auto reply =
      ask("admin", "/editmember @hung title=\"Giám đốc Sở KH&CN\" email=hung@hanoi.gov.vn");
  EXPECT_NE(reply.find("Phạm Quốc Hùng"), std::string::npos) << reply;
  EXPECT_EQ(member("hung")->title, "Giám đốc Sở KH&CN");
  const auto row = audit(1)[0];
  EXPECT_EQ(row.action, "editmember");
  EXPECT_EQ(row.target, "@hung");
  EXPECT_NE(row.before.find("Giám đốc Sở Khoa học và Công nghệ"), std::string::npos) << row.before;
  EXPECT_NE(row.after.find("Giám đốc Sở KH&CN"), std::string::npos) << row.after;
  EXPECT_EQ(row.after.find("phone"), std::string::npos) << "only what changed: " << row.after;

  expect_refused("/editmember @hung handle=hung2", "handle");
  expect_refused("/editmember @hung unit=nowhere", "unit");
  expect_refused("/editmember @nobody title=X", "@nobody");
  expect_refused("/editmember @hung email=not-an-email", "email");
}

TEST_F(AdminCommands, DeactivateKeepsHistoryListsOpenTasksAndCutsAccess) {
  ask("quy", "/giao @hung Xây dựng kho dữ liệu dùng chung hạn 15/12");
  const auto tasks_before = task_tables();
  const auto reply = ask("admin", "/deactivate @hung");
  EXPECT_NE(reply.find("Phạm Quốc Hùng"), std::string::npos) << reply;
  EXPECT_NE(reply.find("#1 Xây dựng kho dữ liệu dùng chung"), std::string::npos) << reply;
  EXPECT_NE(reply.find("/chuyen"), std::string::npos) << reply;
  EXPECT_FALSE(member("hung")->active);
  EXPECT_EQ(task_tables(), tasks_before);  // history kept
  EXPECT_NE(ask("hung", "/whoami").find("chưa được liên kết"), std::string::npos);
  ask("admin", "/broadcast Họp giao ban lúc 14h");
  EXPECT_TRUE(received("hung").empty());  // stops receiving messages
  EXPECT_EQ(audit(2)[1].action, "deactivate");

  expect_refused("/deactivate @hung", "ngừng hoạt động");
  expect_refused("/deactivate @nobody", "@nobody");
}

TEST_F(AdminCommands, SetRoleAndAdminFlagAndTheLastAdmin) {
  EXPECT_NE(ask("admin", "/setrole @thao member").find("Hoàng Thu Thảo"), std::string::npos);
  EXPECT_EQ(member("thao")->role, Role::member);
  EXPECT_EQ(audit(1)[0].action, "setrole");
  expect_refused("/setrole @thao boss", "role");

  expect_refused("/admin @admin off", "cuối cùng");
  EXPECT_TRUE(member("admin")->is_admin);
  expect_refused("/admin @luc maybe", "/quantri @handle on|off");

  ask("admin", "/admin @luc on");
  EXPECT_TRUE(member("luc")->is_admin);
  EXPECT_EQ(audit(1)[0].action, "admin_on");
  // With a second admin, the first may step down.
  ask("admin", "/admin @admin off");
  EXPECT_FALSE(member("admin")->is_admin);
  EXPECT_NE(ask("admin", "/audit").find("Đồng chí không có quyền"), std::string::npos);
}

TEST_F(AdminCommands, AuditShowsTheLatestActions) {
  ask("admin", "/addunit name=\"Sở Thông tin và Truyền thông\" short=stttt");
  ask("admin", "/setrole @thao member");
  ask("admin", "/invite @thao");
  const auto reply = ask("admin", "/audit 2");
  EXPECT_NE(reply.find("@admin · invite @thao"), std::string::npos) << reply;
  EXPECT_NE(reply.find("@admin · setrole @thao"), std::string::npos) << reply;
  EXPECT_EQ(reply.find("addunit"), std::string::npos) << reply;
  expect_refused("/audit many", "/nhatky");
}

// The usage in Vietnamese names the command by its Vietnamese name.
TEST_F(AdminCommands, UsageWhenArgumentsAreMissing) {
  const std::vector<std::pair<std::string, std::string>> commands = {
      {"/addunit", "/themdonvi"},  {"/addmember", "/themtv"},   {"/editmember", "/suatv"},
      {"/deactivate", "/ngungtv"}, {"/invite", "/moi"},         {"/setrole", "/vaitro"},
      {"/admin", "/quantri"},      {"/broadcast", "/guichung"}, {"/export", "/xuat"}};
  for (const auto& [cmd, vietnamese] : commands) {
    const auto before = roster();
    const auto reply = ask("admin", cmd);
    EXPECT_NE(reply.find("Cách dùng: " + vietnamese + " "), std::string::npos)
        << cmd << " → " << reply;
    EXPECT_EQ(roster(), before) << cmd;
  }
}

}  // namespace
}  // namespace wgbot
