#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include "bot/app/demo_roster.hpp"
#include "core/csv.hpp"
#include "fakes/temp_dir.hpp"
#include "handlers/roster_import.hpp"
#include "storage/account_repository.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/member_repository.hpp"
#include "storage/migrations.hpp"

namespace wgbot {
namespace {

using testing::TempDir;

TEST(Csv, QuotesBomAndCrlf) {
  const auto r = parse_csv(
      "\xEF\xBB\xBF"
      "a,b\r\n\"x, \"\"y\"\"\",2\r\n\r\nlast,\"multi\nline\"");
  ASSERT_TRUE(r.error.empty());
  ASSERT_EQ(r.rows.size(), 3U);
  EXPECT_EQ(r.rows[0].fields, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(r.rows[1].fields, (std::vector<std::string>{"x, \"y\"", "2"}));
  EXPECT_EQ(r.rows[2].line, 4U);
  EXPECT_EQ(r.rows[2].fields[1], "multi\nline");
}

TEST(Csv, UnterminatedQuoteNamesTheLine) {
  const auto r = parse_csv("a,b\n\"open,2\n");
  EXPECT_EQ(r.error_line, 2U);
}

TEST(Csv, FieldQuoting) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
}

class RosterImport : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = storage::open_database(dir_.file("r.db"));
    storage::migrate(*db_);
    seed_demo_roster(*db_, 1);
  }
  TempDir dir_;
  std::unique_ptr<storage::Connection> db_;
};

TEST_F(RosterImport, ImportsRowsAndPreLinksAccounts) {
  const auto r = import_roster(*db_,
                               "handle,name,unit,role,title,phone,telegram_user_id\n"
                               "tuan,Trịnh Văn Tuấn,snv,staff,Chuyên viên,0900,5190233814\n"
                               "mai,Lý Thị Mai,Sở Tài chính,member,Phó Giám đốc,,\n",
                               2);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.imported, 2U);
  const auto tuan = storage::MemberRepository(*db_).by_handle("tuan");
  ASSERT_TRUE(tuan);
  const auto account = storage::AccountRepository(*db_).find("telegram", "5190233814");
  ASSERT_TRUE(account);
  EXPECT_EQ(account->member_id, tuan->id);
}

TEST_F(RosterImport, ABadRowRollsBackEverythingAndNamesTheLine) {
  const auto before = storage::MemberRepository(*db_).count();
  const auto r = import_roster(*db_,
                               "handle,name,unit,role,title\n"
                               "tuan,Trịnh Văn Tuấn,snv,staff,Chuyên viên\n"
                               "mai,Lý Thị Mai,snv,boss,Phó Giám đốc\n",
                               2);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("line 3"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("boss"), std::string::npos);
  EXPECT_EQ(storage::MemberRepository(*db_).count(), before);
  EXPECT_FALSE(storage::MemberRepository(*db_).by_handle("tuan"));
}

TEST_F(RosterImport, MissingRequiredColumnAndUnknownUnit) {
  auto r = import_roster(*db_, "handle,name,unit,role\nx,X,snv,staff\n", 2);
  EXPECT_NE(r.error.find("line 1: missing column \"title\""), std::string::npos) << r.error;
  r = import_roster(*db_, "handle,name,unit,role,title\nx,X,nowhere,staff,T\n", 2);
  EXPECT_NE(r.error.find("line 2: unknown unit"), std::string::npos) << r.error;
  r = import_roster(*db_, "handle,name,unit,role,title\nquy,X,snv,staff,T\n", 2);
  EXPECT_NE(r.error.find("line 2: handle @quy exists"), std::string::npos) << r.error;
}

}  // namespace
}  // namespace wgbot
