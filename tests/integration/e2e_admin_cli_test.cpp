// Roster administration from the command line and the console, with the real binary: units,
// member edit/deactivate, import --update, export, invite and the audit of all of it.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/csv.hpp"
#include "fakes/subprocess.hpp"
#include "fakes/temp_dir.hpp"

namespace wgbot {
namespace {

using testing::RunResult;
using testing::TempDir;

RunResult wgbot(const std::vector<std::string>& args, const TempDir& dir,
                const std::string& input = "") {
  std::vector<std::string> argv{"/usr/bin/env", "-C", dir.path().string(), WGBOT_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return testing::run_process(argv, {{"WGBOT_DB", dir.file("wgbot.db")}}, input);
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(AdminCli, UnitsMembersImportUpdateExportAndAudit) {
  TempDir dir;
  ASSERT_EQ(wgbot({"console", "--as", "admin"}, dir, "/units\n").code, 0);  // seeds the demo
  auto r =
      wgbot({"unit", "add", "--name", "Sở Thông tin và Truyền thông", "--short", "stttt"}, dir);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(wgbot({"unit", "list"}, dir).out.find("Sở Thông tin và Truyền thông"),
            std::string::npos);
  EXPECT_EQ(wgbot({"unit", "add", "--name", "Sở Nội vụ", "--short", "snv9"}, dir).code, 1);

  r = wgbot({"member", "add", "--name", "Trịnh Văn Tuấn", "--handle", "tuan", "--unit", "stttt",
             "--role", "staff"},
            dir);
  ASSERT_EQ(r.code, 0) << r.err;
  r = wgbot({"member", "edit", "tuan", "--title", "Chuyên viên", "--phone", "0912 000 300"}, dir);
  ASSERT_EQ(r.code, 0) << r.err;
  r = wgbot({"member", "edit", "tuan", "--unit", "nowhere"}, dir);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("unit"), std::string::npos) << r.err;

  const std::string csv_path = dir.file("roster.csv");
  std::ofstream(csv_path) << "handle,name,unit,role,title\n"
                             "tuan,Trịnh Văn Tuấn,stttt,member,Trưởng phòng\n"
                             "mai,Lý Thị Mai,stc,member,Chuyên viên\n";
  r = wgbot({"import-roster", csv_path}, dir);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("@tuan exists"), std::string::npos) << r.err;
  std::ofstream(csv_path, std::ios::trunc) << "handle,name,unit,role,title\n"
                                              "tuan,Trịnh Văn Tuấn,stttt,member,Trưởng phòng\n"
                                              "mai,Lý Thị Mai,nowhere,member,Chuyên viên\n";
  EXPECT_EQ(wgbot({"import-roster", "--update", csv_path}, dir).code, 1);  // all or nothing
  std::ofstream(csv_path, std::ios::trunc) << "handle,name,unit,role,title\n"
                                              "tuan,Trịnh Văn Tuấn,stttt,member,Trưởng phòng\n"
                                              "mai,Lý Thị Mai,stc,member,Chuyên viên\n";
  r = wgbot({"import-roster", "--update", csv_path}, dir);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("imported 1 member(s), updated 1"), std::string::npos) << r.out;

  r = wgbot({"export", "members", "--out", dir.file("members.csv")}, dir);
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string bytes = read_all(dir.file("members.csv"));
  ASSERT_TRUE(bytes.starts_with("\xEF\xBB\xBF"));
  const auto csv = parse_csv(bytes);
  ASSERT_TRUE(csv.error.empty()) << csv.error;
  bool found = false;
  for (const auto& row : csv.rows) {
    if (row.fields[0] != "tuan") continue;
    found = true;
    EXPECT_EQ(row.fields[1], "Trịnh Văn Tuấn");
    EXPECT_EQ(row.fields[2], "stttt");
    EXPECT_EQ(row.fields[3], "member");
    EXPECT_EQ(row.fields[4], "Trưởng phòng");
    EXPECT_EQ(row.fields[5], "0912 000 300");  // kept: the file has no phone column
  }
  EXPECT_TRUE(found);
  EXPECT_TRUE(wgbot({"export", "tasks"}, dir)
                  .out.starts_with("\xEF\xBB\xBF"
                                   "id,title"));

  EXPECT_EQ(wgbot({"member", "invite", "tuan"}, dir).code, 0);
  r = wgbot({"member", "deactivate", "tuan"}, dir);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(wgbot({"member", "list"}, dir).out.find("tuan"), std::string::npos);

  r = wgbot({"audit", "30"}, dir);
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* action : {"addunit", "addmember", "editmember", "import_update", "import_add",
                             "export", "invite", "deactivate"}) {
    EXPECT_NE(r.out.find(std::string(" ") + action + " "), std::string::npos) << action << "\n"
                                                                              << r.out;
  }
  EXPECT_NE(r.out.find("cli "), std::string::npos);
  EXPECT_EQ(r.out.find("Trưởng phòng\",\"unit"), std::string::npos);  // sanity: one JSON per side
}

TEST(AdminCli, ConsoleAdminAndNonAdmin) {
  TempDir dir;
  auto r = wgbot({"console", "--as", "admin"}, dir,
                 "/addunit name=\"Sở Xây dựng\" short=sxd\n"
                 "/addmember name=\"Đinh Văn Nam\" handle=nam unit=sxd role=member\n"
                 "/setrole @nam standing\n"
                 "/broadcast Họp giao ban 14h\n"
                 "/export members\n"
                 "/audit 5\n");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("Đã thêm đơn vị Sở Xây dựng (sxd)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Đinh Văn Nam (@nam)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("wgbot export members"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("@admin · setrole @nam"), std::string::npos) << r.out;

  r = wgbot({"console", "--as", "hung"}, dir,
            "/addunit name=\"Sở Công Thương\" short=sct\n/audit\n/invite @nam\n");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("không có quyền dùng lệnh /addunit"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("không có quyền dùng lệnh /audit"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("không có quyền dùng lệnh /invite"), std::string::npos) << r.out;
  EXPECT_EQ(wgbot({"unit", "list"}, dir).out.find("sct"), std::string::npos);
}

}  // namespace
}  // namespace wgbot
