// /digest (/baocao) on demand: for the leadership and admins, in the chat it was asked from,
// with the chart attached; the button reads back as /tasks overdue.
#include <gtest/gtest.h>

#include "fakes/test_bot.hpp"
#include "handlers/actions.hpp"
#include "storage/task_repository.hpp"

namespace wgbot::testing {
namespace {

class DigestCommand : public ::testing::Test {
 protected:
  DigestCommand() {
    bot_.link("telegram", "u-chair", "chutich");
    bot_.link("telegram", "u-lan", "lan");
    bot_.link("telegram", "u-admin", "admin");
    // One task, overdue by now, for the chart and the overdue list.
    bot_.ask("/giao @lan Báo cáo tiến độ số hoá hồ sơ hạn 30/11", "u-admin");
    bot_.clock().advance(std::chrono::hours{24 * 20});
  }

  TestBot bot_;
};

TEST_F(DigestCommand, ChairmanGetsTheDigestWithTheChart) {
  const auto in = bot_.message("/baocao", "u-chair");
  bot_.send(in);
  const auto rows = bot_.pending("telegram", in.chat_id);
  ASSERT_EQ(rows.size(), 1U);
  const Outgoing& m = rows[0].message;
  EXPECT_TRUE(m.text.starts_with("📋 **Báo cáo nhanh nhiệm vụ")) << m.text;
  EXPECT_NE(m.text.find("Báo cáo tiến độ số hoá hồ sơ — Sở Nội vụ (đ/c Đỗ Thị Lan)"),
            std::string::npos)
      << m.text;
  EXPECT_EQ(m.file.kind, FileKind::photo);
  EXPECT_EQ(m.file.content_type, "image/png");
  EXPECT_TRUE(m.file.bytes.starts_with("\x89PNG"));
  ASSERT_FALSE(m.buttons.empty());
  EXPECT_EQ(command_for_callback_data(m.buttons[0][0].data), "/tasks overdue");
}

TEST_F(DigestCommand, AdminMayAskInEnglishToo) {
  bot_.ask("/lang en", "u-admin");
  const auto replies = bot_.ask("/digest", "u-admin");
  ASSERT_EQ(replies.size(), 1U);
  EXPECT_TRUE(replies[0].starts_with("📋 **Task digest")) << replies[0];
}

TEST_F(DigestCommand, AMemberIsToldWhoItIsFor) {
  const auto replies = bot_.ask("/baocao", "u-lan");
  ASSERT_EQ(replies.size(), 1U);
  EXPECT_EQ(replies[0], "Báo cáo nhanh dành cho lãnh đạo Ban Chỉ đạo và Văn phòng.");
}

}  // namespace
}  // namespace wgbot::testing
