// Where notifications go: the preferred account, else a linked account with a private chat; never
// a console; nobody reachable → skipped without failing the command.
#include <gtest/gtest.h>

#include "handlers/notify.hpp"
#include "storage/member_repository.hpp"
#include "task_test_bot.hpp"

namespace wgbot::testing {
namespace {

TEST(TaskNotify, UnreachableMemberIsSkippedSilently) {
  TestBot bot;
  bot.link("telegram", "q", "quy");
  bot.link("telegram", "l", "luc");  // linked, but never wrote to the bot: no private chat
  const auto reply = bot.ask("/giao @luc Rà soát hồ sơ", "q");
  ASSERT_EQ(reply.size(), 1U);
  EXPECT_NE(reply[0].find("Đã giao nhiệm vụ #1"), std::string::npos);
  bot.writer().run([&](storage::Connection& db) {
    EXPECT_EQ(db.execAndGet("SELECT COUNT(*) FROM outbox WHERE status = 'pending'").getInt(), 0);
    const auto luc = storage::MemberRepository(db).by_handle("luc");
    EXPECT_FALSE(direct_message(db, luc->id, "x"));
  });
}

TEST(TaskNotify, PreferredAccountWinsAndConsoleIsNeverUsed) {
  TestBot bot;
  bot.link("telegram", "q", "quy");
  bot.link("console", "luc-console", "luc");
  bot.ask("/whoami", "luc-console", "console");
  bot.writer().run([&](storage::Connection& db) {
    const auto luc = storage::MemberRepository(db).by_handle("luc");
    EXPECT_FALSE(direct_message(db, luc->id, "x"));  // console only
  });
  bot.link("telegram", "luc-tg", "luc");
  bot.ask("/whoami", "luc-tg", "telegram");
  bot.link("zalo_bot", "luc-zalo", "luc");
  bot.ask("/whoami", "luc-zalo", "zalo_bot");
  bot.writer().run([&](storage::Connection& db) {
    const auto luc = storage::MemberRepository(db).by_handle("luc");
    // Without a preference: the account linked last.
    auto o = direct_message(db, luc->id, "x", {{Button{"b", "detail:1"}}});
    ASSERT_TRUE(o);
    EXPECT_EQ(o->platform, "zalo_bot");
    EXPECT_EQ(o->chat_id, "chat-luc-zalo");
    EXPECT_EQ(o->buttons.at(0).at(0).data, "detail:1");
    SQLite::Statement q(db, "SELECT id FROM accounts WHERE platform_user_id = 'luc-tg'");
    q.executeStep();
    storage::MemberRepository(db).set_preferred_account(luc->id, q.getColumn(0).getInt64());
    o = direct_message(db, luc->id, "x");
    ASSERT_TRUE(o);
    EXPECT_EQ(o->platform, "telegram");
    EXPECT_EQ(o->chat_id, "chat-luc-tg");
  });
  bot.ask("/giao @luc Rà soát hồ sơ", "q");
  const auto got = bot.pending("telegram", "chat-luc-tg");
  ASSERT_EQ(got.size(), 1U);
  EXPECT_NE(got[0].message.text.find("chủ trì thực hiện nhiệm vụ #1"), std::string::npos);
  EXPECT_TRUE(bot.pending("zalo_bot", "chat-luc-zalo").empty());
}

}  // namespace
}  // namespace wgbot::testing
