// Reading `/task` text: mentions, title, deadline, source document, reply-to titles; ids.
#include <gtest/gtest.h>

#include "handlers/task_parse.hpp"

namespace wgbot {
namespace {

using namespace std::chrono_literals;

// Thursday 2026-11-26 10:00 +07:00.
const std::chrono::sys_seconds kNow{std::chrono::seconds{1795662000}};

std::chrono::sys_seconds hanoi(int y, unsigned m, unsigned d, int h, int min = 0) {
  return std::chrono::sys_seconds{date::sys_days{date::year{y} / m / d}.time_since_epoch()} +
         std::chrono::hours{h - 7} + std::chrono::minutes{min};
}

TaskText parse(const std::string& args, const std::vector<TextMention>& mentions = {},
               const std::string& reply = {}) {
  static const auto cal = timeexpr::Calendar::make("Asia/Ho_Chi_Minh");
  return parse_task_text(args, mentions, reply, kNow, cal, timeexpr::Options{});
}

std::vector<std::string> names(const TaskText& t) {
  std::vector<std::string> out;
  for (const auto& m : t.mentions) out.push_back(m.name);
  return out;
}

TEST(TaskParse, LeadTitleAndNextWeeksFriday) {
  const auto t = parse("@luc Dự thảo Quy chế hoạt động của Ban Chỉ đạo hạn thứ 6 tuần sau 17h");
  EXPECT_EQ(names(t), std::vector<std::string>{"luc"});
  EXPECT_EQ(t.title, "Dự thảo Quy chế hoạt động của Ban Chỉ đạo");
  ASSERT_TRUE(t.deadline);
  EXPECT_EQ(t.deadline->at, hanoi(2026, 12, 4, 17));
  EXPECT_FALSE(t.deadline_error);
}

TEST(TaskParse, TitleMayContainTheKeyword) {
  const auto t = parse("Gia hạn hợp đồng máy chủ hạn 15/12");
  EXPECT_TRUE(t.mentions.empty());
  EXPECT_EQ(t.title, "Gia hạn hợp đồng máy chủ");
  ASSERT_TRUE(t.deadline);
  EXPECT_EQ(t.deadline->at, hanoi(2026, 12, 15, 17));
  const auto plain = parse("Gia hạn hợp đồng máy chủ");
  EXPECT_EQ(plain.title, "Gia hạn hợp đồng máy chủ");
  EXPECT_FALSE(plain.deadline);
  EXPECT_FALSE(plain.deadline_error);
}

TEST(TaskParse, SeveralMentionsAnywhereInOrder) {
  const auto t = parse("@hung Triển khai nền tảng số cùng @lan, @stc hạn 31/12");
  EXPECT_EQ(names(t), (std::vector<std::string>{"hung", "lan", "stc"}));
  EXPECT_EQ(t.title, "Triển khai nền tảng số cùng");
  ASSERT_TRUE(t.deadline);
  EXPECT_EQ(t.deadline->at, hanoi(2026, 12, 31, 17));
}

TEST(TaskParse, EmailIsNotAMentionAndTrailingDotIsPunctuation) {
  const auto t = parse("Gửi thư cho thuky@hanoi.gov.vn, giao @luc.");
  EXPECT_EQ(names(t), std::vector<std::string>{"luc"});
  EXPECT_EQ(t.title, "Gửi thư cho thuky@hanoi.gov.vn, giao");
}

TEST(TaskParse, SourceDocument) {
  const auto t = parse("@skhcn Xây dựng kho dữ liệu hạn 15/12 src QĐ 699/QĐ-UBND");
  EXPECT_EQ(names(t), std::vector<std::string>{"skhcn"});
  EXPECT_EQ(t.title, "Xây dựng kho dữ liệu");
  EXPECT_EQ(t.src, "QĐ 699/QĐ-UBND");
  ASSERT_TRUE(t.deadline);
  EXPECT_EQ(t.deadline->at, hanoi(2026, 12, 15, 17));
}

TEST(TaskParse, DeadlineAfterTheSourceStillCounts) {
  const auto t = parse("@luc Báo cáo sơ kết src KH 12/KH-BCĐ hạn 17h thứ 6");
  EXPECT_EQ(t.title, "Báo cáo sơ kết");
  EXPECT_EQ(t.src, "KH 12/KH-BCĐ");
  ASSERT_TRUE(t.deadline);
  EXPECT_EQ(t.deadline->at, hanoi(2026, 11, 27, 17));
}

TEST(TaskParse, UnreadableDeadlineIsAnErrorWithThePhrase) {
  const auto t = parse("@luc Báo cáo hạn 31/2");
  EXPECT_FALSE(t.deadline);
  ASSERT_TRUE(t.deadline_error);
  EXPECT_EQ(t.deadline_error->phrase, "31/2");
}

TEST(TaskParse, ReplyToMessageIsTheTitle) {
  const auto t = parse("@luc hạn mai", {}, "Chuẩn bị  báo cáo\ntình hình chuyển đổi số");
  EXPECT_EQ(names(t), std::vector<std::string>{"luc"});
  EXPECT_EQ(t.title, "Chuẩn bị báo cáo tình hình chuyển đổi số");
  ASSERT_TRUE(t.deadline);
  EXPECT_EQ(t.deadline->at, hanoi(2026, 11, 27, 17));
  // The quoted message's own deadline counts when the command gives none.
  const auto quoted = parse("@luc", {}, "Rà soát hồ sơ hạn 15/12");
  EXPECT_EQ(quoted.title, "Rà soát hồ sơ");
  ASSERT_TRUE(quoted.deadline);
  // Words of the command's own stay in front.
  EXPECT_EQ(parse("@luc xem xét", {}, "Công văn 123").title, "xem xét: Công văn 123");
}

TEST(TaskParse, TelegramTextMentionIsFoundByItsShownText) {
  const auto t = parse("Lê Tự Lực Soạn thảo kế hoạch hạn 15/12", {{"Lê Tự Lực", "777"}});
  ASSERT_EQ(t.mentions.size(), 1U);
  EXPECT_EQ(t.mentions[0].user_id, "777");
  EXPECT_EQ(t.title, "Soạn thảo kế hoạch");
}

TEST(TaskParse, TaskIds) {
  EXPECT_EQ(parse_task_id("12"), 12);
  EXPECT_EQ(parse_task_id("#12"), 12);
  EXPECT_FALSE(parse_task_id("12a"));
  EXPECT_FALSE(parse_task_id("#"));
  EXPECT_FALSE(parse_task_id("0"));
  EXPECT_FALSE(parse_task_id("-3"));
  const auto split = split_task_id("#7   đã trình  Trưởng ban");
  ASSERT_TRUE(split);
  EXPECT_EQ(split->id, 7);
  EXPECT_EQ(split->rest, "đã trình Trưởng ban");
  EXPECT_FALSE(split_task_id("abc 7"));
}

}  // namespace
}  // namespace wgbot
