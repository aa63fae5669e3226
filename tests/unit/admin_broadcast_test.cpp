// Broadcast through the outbox (one row per member, so rate limits hold), the count when
// queued and the delivery summary when every row is sent or failed.
#include <gtest/gtest.h>

#include "bot/scheduler/scheduler.hpp"
#include "handlers/admin/broadcast.hpp"
#include "storage/account_repository.hpp"
#include "storage/database.hpp"
#include "storage/member_repository.hpp"
#include "storage/unit_repository.hpp"
#include "unit/task_test_bot.hpp"

namespace wgbot {
namespace {

using testing::TestBot;

// 300 members, each with a Telegram account whose private chat the bot knows.
void add_linked_members(TestBot& bot, int n) {
  bot.writer().run([&](storage::Connection& db) {
    storage::MemberRepository members(db);
    storage::AccountRepository accounts(db);
    const auto unit = storage::UnitRepository(db).find("snv");
    for (int i = 0; i < n; ++i) {
      const std::string id = std::to_string(i);
      const auto member_id =
          members.add(NewMember{"m" + id, "Thành viên " + id, unit->id, Role::member}, 0);
      accounts.touch(storage::SeenAccount{"telegram", "b" + id, "", "", "chat-b" + id}, 0);
      accounts.link("telegram", "b" + id, member_id, 0);
    }
  });
}

std::int64_t count(TestBot& bot, const std::string& sql) {
  return bot.writer().run([&](storage::Connection& db) { return db.execAndGet(sql).getInt64(); });
}

TEST(Broadcast, ThreeHundredMembersQueueThreeHundredRowsAndTheCount) {
  TestBot bot;
  bot.link("telegram", "adm", "admin");
  add_linked_members(bot, 300);
  const auto reply = bot.ask("/broadcast Kính mời các đồng chí dự họp lúc 14h", "adm");
  ASSERT_EQ(reply.size(), 1U);
  EXPECT_NE(reply[0].find("300 thành viên"), std::string::npos) << reply[0];
  EXPECT_EQ(count(bot,
                  "SELECT COUNT(*) FROM outbox WHERE chat_id LIKE 'chat-b%' AND "
                  "status = 'pending' AND body LIKE '%dự họp lúc 14h%'"),
            300);
  EXPECT_EQ(count(bot, "SELECT COUNT(*) FROM broadcast_rows"), 300);
  EXPECT_EQ(count(bot, "SELECT COUNT(*) FROM audit_log WHERE action = 'broadcast'"), 1);
}

TEST(Broadcast, ToOneUnitOrRole) {
  TestBot bot;
  bot.link("telegram", "adm", "admin");
  add_linked_members(bot, 3);  // in snv
  bot.writer().run([&](storage::Connection& db) {
    storage::AccountRepository(db).touch(storage::SeenAccount{"telegram", "q", "", "", "chat-q"},
                                         0);
  });
  bot.link("telegram", "q", "quy");  // vice chairman, unit ubnd
  EXPECT_NE(bot.ask("/broadcast unit=snv Nộp báo cáo tuần", "adm")[0].find("3 thành viên"),
            std::string::npos);
  EXPECT_NE(bot.ask("/broadcast role=vice_chairman Lịch họp", "adm")[0].find("1 thành viên"),
            std::string::npos);
  const auto before = count(bot, "SELECT COUNT(*) FROM outbox");
  EXPECT_NE(bot.ask("/broadcast unit=nowhere X", "adm")[0].find("unit"), std::string::npos);
  EXPECT_NE(bot.ask("/broadcast team=a X", "adm")[0].find("team"), std::string::npos);
  EXPECT_EQ(count(bot, "SELECT COUNT(*) FROM outbox"), before + 2);  // only the two refusals
}

TEST(Broadcast, DeliverySummaryWhenEveryRowIsDone) {
  TestBot bot;
  bot.link("telegram", "adm", "admin");
  add_linked_members(bot, 4);
  bot.ask("/broadcast Thông báo nghỉ lễ", "adm");
  auto reader = storage::open_database(bot.config().db, storage::OpenMode::read_only);
  scheduler::Scheduler scheduler(bot.writer(), std::make_shared<const Config>(bot.config()),
                                 bot.clock());
  // Still pending: no summary yet.
  EXPECT_EQ(scheduler.summarize_broadcasts(*reader, bot.clock().now()), 0U);
  bot.writer().run([](storage::Connection& db) {
    db.exec("UPDATE outbox SET status = 'sent' WHERE chat_id IN ('chat-b0','chat-b1','chat-b2')");
    db.exec("UPDATE outbox SET status = 'failed' WHERE chat_id = 'chat-b3'");
  });
  EXPECT_EQ(scheduler.summarize_broadcasts(*reader, bot.clock().now()), 1U);
  const auto summary = bot.pending("telegram", "chat-adm");
  ASSERT_EQ(summary.size(), 1U);
  EXPECT_NE(summary[0].message.text.find("3/4"), std::string::npos) << summary[0].message.text;
  EXPECT_NE(summary[0].message.text.find("1 không gửi được"), std::string::npos);
  // Told once.
  EXPECT_EQ(scheduler.summarize_broadcasts(*reader, bot.clock().now()), 0U);
}

TEST(Broadcast, NobodyReachable) {
  TestBot bot;
  bot.link("telegram", "adm", "admin");
  const auto reply = bot.ask("/broadcast Xin chào", "adm");
  EXPECT_NE(reply[0].find("Chưa có thành viên nào"), std::string::npos) << reply[0];
  EXPECT_EQ(count(bot, "SELECT COUNT(*) FROM broadcasts"), 0);
}

}  // namespace
}  // namespace wgbot
