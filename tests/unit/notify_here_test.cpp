// `/notify here`: a member linked on several platforms chooses where the messages nobody asked
// for in that chat (task notices, nudges, digests, broadcasts) go; replies still go where the
// command came from.
#include <gtest/gtest.h>

#include "fakes/test_bot.hpp"

namespace wgbot::testing {
namespace {

class NotifyHere : public ::testing::Test {
 protected:
  NotifyHere() {
    bot.link("telegram", "tg-quy", "quy");
    bot.link("telegram", "tg-hung", "hung");
    bot.link("zalo_bot", "z-hung", "hung");  // linked last: preferred until told otherwise
    bot.ask("/whoami", "tg-quy");
    bot.ask("/whoami", "tg-hung");
    bot.ask("/whoami", "z-hung", "zalo_bot");
  }

  std::size_t notices_to(const std::string& platform, const std::string& chat) {
    return bot.pending(platform, chat).size();
  }

  TestBot bot;
};

TEST_F(NotifyHere, NoticesFollowTheAccountChosenLast) {
  bot.ask("/giao @hung Rà soát hồ sơ hạn 15/12", "tg-quy");
  EXPECT_EQ(notices_to("zalo_bot", "chat-z-hung"), 1U);
  EXPECT_EQ(notices_to("telegram", "chat-tg-hung"), 0U);

  const auto reply = bot.ask("/notify here", "tg-hung");
  ASSERT_EQ(reply.size(), 1U);
  EXPECT_EQ(reply[0], "Từ nay nhắc việc, báo cáo và thông báo chung sẽ gửi đến tài khoản này.");
  bot.ask("/giao @hung Tổng hợp báo cáo hạn 16/12", "tg-quy");
  EXPECT_EQ(notices_to("telegram", "chat-tg-hung"), 1U);
  EXPECT_EQ(notices_to("zalo_bot", "chat-z-hung"), 1U);  // still only the first one

  // The Vietnamese words, from Zalo: back to Zalo (asking reads what was waiting there).
  bot.ask("/thongbao đây", "z-hung", "zalo_bot");
  bot.ask("/giao @hung Báo cáo quý hạn 17/12", "tg-quy");
  EXPECT_EQ(notices_to("zalo_bot", "chat-z-hung"), 1U);
  EXPECT_EQ(notices_to("telegram", "chat-tg-hung"), 1U);
}

TEST_F(NotifyHere, WithoutHereItExplainsAndChangesNothing) {
  const auto reply = bot.ask("/notify", "tg-hung");
  ASSERT_EQ(reply.size(), 1U);
  EXPECT_EQ(reply[0],
            "Gửi /thongbao đây từ ứng dụng mà đồng chí muốn nhận nhắc việc và thông báo.");
  bot.ask("/giao @hung Rà soát hồ sơ hạn 15/12", "tg-quy");
  EXPECT_EQ(notices_to("zalo_bot", "chat-z-hung"), 1U);
}

TEST_F(NotifyHere, AConsoleIsNeverPreferred) {
  bot.link("console", "hung", "hung");
  const auto reply = bot.ask("/notify here", "hung", "console");
  ASSERT_EQ(reply.size(), 1U);
  EXPECT_NE(reply[0].find("console"), std::string::npos);
  bot.ask("/giao @hung Rà soát hồ sơ hạn 15/12", "tg-quy");
  EXPECT_EQ(notices_to("zalo_bot", "chat-z-hung"), 1U);
}

}  // namespace
}  // namespace wgbot::testing
