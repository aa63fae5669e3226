// `/task` (/giao, /nv): how the text is understood, who may assign, what is stored and who is
// told.
#include <gtest/gtest.h>

#include "storage/account_repository.hpp"
#include "task_test_bot.hpp"

namespace wgbot::testing {
namespace {

// 17:00 +07:00 on Friday 2026-12-04 and Tuesday 2026-12-15.
constexpr std::int64_t kFri4Dec17h = 1796378400;
constexpr std::int64_t kTue15Dec17h = 1797328800;

using TaskCreate = TaskBotTest;

TEST_F(TaskCreate, AssignsToTheLeadAndEchoesTheUnderstanding) {
  const auto reply =
      ask("quy", "/giao @luc Dự thảo Quy chế hoạt động của Ban Chỉ đạo hạn thứ 6 tuần sau 17h");
  EXPECT_TRUE(contains(reply, "Đã giao nhiệm vụ #1 cho đ/c Lê Tự Lực")) << reply;
  EXPECT_TRUE(contains(reply, "Dự thảo Quy chế hoạt động của Ban Chỉ đạo")) << reply;
  EXPECT_TRUE(contains(reply, "Chủ trì: đ/c Lê Tự Lực")) << reply;
  EXPECT_TRUE(contains(reply, "Hạn: 17:00 thứ Sáu, 04/12/2026")) << reply;

  const auto t = task(1);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->task.title, "Dự thảo Quy chế hoạt động của Ban Chỉ đạo");
  EXPECT_EQ(t->task.due_at, kFri4Dec17h);
  EXPECT_EQ(t->task.status, TaskStatus::open);
  EXPECT_EQ(t->task.assigner_id, member_id("quy"));
  EXPECT_EQ(t->lead_id(), member_id("luc"));
  ASSERT_EQ(events(1).size(), 1U);
  EXPECT_EQ(events(1)[0].kind, "created");

  // The lead is told, with buttons and, for platforms without buttons, the commands.
  const auto got = received("luc");
  ASSERT_EQ(got.size(), 1U);
  EXPECT_TRUE(
      contains(got[0].text, "Đồng chí Ngô Văn Quý giao đồng chí chủ trì thực hiện nhiệm vụ #1"))
      << got[0].text;
  EXPECT_TRUE(contains(got[0].text, "Hạn: 17:00 thứ Sáu, 04/12/2026"));
  EXPECT_TRUE(contains(got[0].text, "Trả lời: /danhan 1 · /xong 1")) << got[0].text;
  ASSERT_EQ(got[0].buttons.size(), 1U);
  ASSERT_EQ(got[0].buttons[0].size(), 3U);
  EXPECT_EQ(got[0].buttons[0][0].data, "ack:1");
  EXPECT_EQ(got[0].buttons[0][0].label, "👌 Đã nhận");
  EXPECT_EQ(got[0].buttons[0][1].data, "done:1");
  EXPECT_EQ(got[0].buttons[0][2].data, "detail:1");
  EXPECT_TRUE(received("quy").empty());  // the actor got the reply only
}

TEST_F(TaskCreate, TitleKeepsTheKeywordWhenTheLastOneIsTheDeadline) {
  const auto reply = ask("luc", "/nv @minh Gia hạn hợp đồng máy chủ hạn 15/12");
  EXPECT_TRUE(contains(reply, "Nội dung: **Gia hạn hợp đồng máy chủ**")) << reply;
  EXPECT_TRUE(contains(reply, "17:00 thứ Ba, 15/12/2026")) << reply;
  EXPECT_EQ(task(1)->task.title, "Gia hạn hợp đồng máy chủ");
  EXPECT_EQ(task(1)->task.due_at, kTue15Dec17h);
}

TEST_F(TaskCreate, TrailingBeforeOrAtTheLatestIsTheDeadline) {
  auto reply = ask("quy", "/giao @luc Báo cáo kết quả triển khai trước 15/12");
  EXPECT_TRUE(contains(reply, "Nội dung: **Báo cáo kết quả triển khai**")) << reply;
  EXPECT_EQ(task(1)->task.due_at, kTue15Dec17h);
  reply = ask("quy", "/giao @luc Gửi dự thảo chậm nhất 17 giờ 00 ngày 04/12/2026");
  EXPECT_TRUE(contains(reply, "Nội dung: **Gửi dự thảo**")) << reply;
  EXPECT_EQ(task(2)->task.due_at, kFri4Dec17h);
  reply = ask("quy", "/giao @luc Tổng hợp ý kiến hạn chót 15/12");
  EXPECT_EQ(task(3)->task.title, "Tổng hợp ý kiến");
  EXPECT_EQ(task(3)->task.due_at, kTue15Dec17h);
}

TEST_F(TaskCreate, DeadlineOnAWeekendIsFlaggedWithThePreviousWorkingDay) {
  auto reply = ask("quy", "/giao @luc Tổng hợp số liệu hạn 6/12");
  EXPECT_TRUE(contains(reply, "Hạn: 17:00 Chủ nhật, 06/12/2026")) << reply;
  EXPECT_TRUE(contains(reply,
                       "⚠ Hạn rơi vào Chủ nhật, ngày nghỉ. Ngày làm việc liền trước: 17:00 "
                       "thứ Sáu, 04/12/2026 (/giahan 1 04/12/2026 17:00)"))
      << reply;
  reply = ask("quy", "/giahan 1 04/12/2026 17:00");
  EXPECT_FALSE(contains(reply, "⚠")) << reply;
  EXPECT_EQ(task(1)->task.due_at, kFri4Dec17h);
  reply = ask("quy", "/giahan 1 thứ 7 tuần sau");
  EXPECT_TRUE(contains(reply, "⚠ Hạn rơi vào thứ Bảy, ngày nghỉ")) << reply;
  reply = ask("quy", "/giao @luc Kiểm tra hạn 15/12");
  EXPECT_FALSE(contains(reply, "⚠")) << reply;
}

TEST_F(TaskCreate, SeveralAssigneesUnitsAndSourceDocument) {
  const auto reply =
      ask("luc", "/giao @hung @snv @stc Triển khai nền tảng dữ liệu hạn 15/12 src QĐ 699/QĐ-UBND");
  EXPECT_TRUE(contains(reply, "Đã giao nhiệm vụ #1 cho đ/c Phạm Quốc Hùng")) << reply;
  EXPECT_TRUE(contains(reply, "Chủ trì: đ/c Phạm Quốc Hùng (Sở Khoa học và Công nghệ)")) << reply;
  EXPECT_TRUE(
      contains(reply, "Phối hợp: đ/c Đỗ Thị Lan (Sở Nội vụ), đ/c Vũ Văn Dũng (Sở Tài chính)"))
      << reply;
  EXPECT_TRUE(contains(reply, "Văn bản: QĐ 699/QĐ-UBND")) << reply;
  const auto t = task(1);
  EXPECT_EQ(t->task.src, "QĐ 699/QĐ-UBND");
  EXPECT_EQ(t->task.title, "Triển khai nền tảng dữ liệu");
  ASSERT_EQ(t->assignees.size(), 3U);
  EXPECT_TRUE(t->assignees[0].lead);
  EXPECT_FALSE(t->assignees[1].lead);
  EXPECT_EQ(t->assignees[1].member_id, member_id("lan"));
  EXPECT_EQ(t->assignees[2].member_id, member_id("dung"));

  const auto lead = received("hung");
  ASSERT_EQ(lead.size(), 1U);
  EXPECT_TRUE(contains(lead[0].text, "chủ trì thực hiện nhiệm vụ #1"));
  for (const char* h : {"lan", "dung"}) {
    const auto got = received(h);
    ASSERT_EQ(got.size(), 1U) << h;
    EXPECT_TRUE(contains(got[0].text, "giao đồng chí phối hợp thực hiện nhiệm vụ #1"))
        << got[0].text;
    EXPECT_TRUE(contains(got[0].text, "Chi tiết: /giao 1"));
    ASSERT_EQ(got[0].buttons.size(), 1U);
    ASSERT_EQ(got[0].buttons[0].size(), 1U);
    EXPECT_EQ(got[0].buttons[0][0].data, "detail:1");
  }
}

TEST_F(TaskCreate, UnitShortNameLeadsThroughItsContactMember) {
  const auto reply = ask("quy", "/giao @SKHCN Báo cáo chuyển đổi số hạn 15/12");
  EXPECT_TRUE(contains(reply, "cho đ/c Phạm Quốc Hùng")) << reply;
  EXPECT_EQ(task(1)->lead_id(), member_id("hung"));
  EXPECT_EQ(received("hung").size(), 1U);
}

TEST_F(TaskCreate, WithoutAssigneeTheTaskIsTheSenders) {
  const auto reply = ask("hung", "/task Chuẩn bị tài liệu họp hạn mai");
  EXPECT_TRUE(contains(reply, "Đã ghi nhận nhiệm vụ #1 do đồng chí tự thực hiện")) << reply;
  EXPECT_TRUE(contains(reply, "17:00 thứ Sáu, 27/11/2026")) << reply;
  EXPECT_EQ(task(1)->lead_id(), member_id("hung"));
  EXPECT_EQ(task(1)->task.assigner_id, member_id("hung"));
  EXPECT_TRUE(received("hung").empty());
}

TEST_F(TaskCreate, WithoutDeadlineSaysHowToSetOne) {
  const auto reply = ask("quy", "/giao @luc Tổng hợp ý kiến");
  EXPECT_TRUE(contains(reply, "Hạn: chưa có (đặt bằng /giahan 1 THỜI_HẠN)")) << reply;
  EXPECT_FALSE(task(1)->task.due_at);
}

TEST_F(TaskCreate, ReplyToAMessageMakesItTheTitle) {
  Inbound in = bot.message("/giao @luc hạn 15/12", id_of("quy"));
  in.reply_to_text = "Đề nghị rà soát danh mục dịch vụ công trực tuyến";
  bot.send(in);
  const auto t = task(1);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->task.title, "Đề nghị rà soát danh mục dịch vụ công trực tuyến");
  EXPECT_EQ(t->task.due_at, kTue15Dec17h);
  EXPECT_EQ(t->lead_id(), member_id("luc"));
}

TEST_F(TaskCreate, TelegramUsernameAndTextMentionName) {
  Inbound hello = bot.message("/whoami", id_of("lan"));
  hello.sender_username = "dothilan";
  bot.send(hello);
  EXPECT_TRUE(
      contains(ask("quy", "/giao @dothilan Tổng hợp hồ sơ hạn 15/12"), "cho đ/c Đỗ Thị Lan"));
  EXPECT_EQ(task(1)->lead_id(), member_id("lan"));

  Inbound in = bot.message("/giao Phạm Quốc Hùng Rà soát hạ tầng hạn 15/12", id_of("quy"));
  in.text_mentions = {TextMention{"Phạm Quốc Hùng", id_of("hung")}};
  bot.send(in);
  const auto t = task(2);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->lead_id(), member_id("hung"));
  EXPECT_EQ(t->task.title, "Rà soát hạ tầng");

  Inbound stranger = bot.message("/giao Người Lạ Việc gì đó", id_of("quy"));
  stranger.text_mentions = {TextMention{"Người Lạ", "999"}};
  bot.send(stranger);
  EXPECT_FALSE(task(3));
}

// Usernames and mentions belong to the platform the command came from: a member linked on
// another platform is found by that platform's user id, and a Telegram username means nothing
// there.
TEST_F(TaskCreate, MentionsAreReadOnThePlatformTheCommandCameFrom) {
  bot.link("zalo_bot", "z-quy", "quy");
  bot.link("zalo_bot", "z-hung", "hung");
  Inbound hello = bot.message("/whoami", id_of("lan"));
  hello.sender_username = "dothilan";  // known on Telegram only
  bot.send(hello);

  Inbound in = bot.message("/giao Phạm Quốc Hùng Rà soát hạ tầng hạn 15/12", "z-quy", "zalo_bot");
  in.text_mentions = {TextMention{"Phạm Quốc Hùng", "z-hung"}};
  bot.send(in);
  ASSERT_TRUE(task(1));
  EXPECT_EQ(task(1)->lead_id(), member_id("hung"));

  bot.send(bot.message("/giao @dothilan Tổng hợp hồ sơ hạn 15/12", "z-quy", "zalo_bot"));
  EXPECT_FALSE(task(2));
}

TEST_F(TaskCreate, UnreadableDeadlineIsQuotedAndNothingIsCreated) {
  expect_refusal("quy", "/giao @luc Báo cáo quý hạn 31/2", "\"31/2\"");
  expect_refusal("quy", "/giao @luc Báo cáo quý hạn thứ 9 tuần sau", "\"thứ 9 tuần sau\"");
  const auto reply = bot.ask("/giao @luc Báo cáo hạn 31/2", id_of("quy"));
  ASSERT_EQ(reply.size(), 1U);
  // The example is a whole command to copy.
  EXPECT_TRUE(contains(reply[0], "Ví dụ: /giao @luc Dự thảo báo cáo hạn thứ 6 tuần sau 17h"))
      << reply[0];
  EXPECT_EQ(count("tasks"), 0);
  EXPECT_TRUE(received("luc").empty());
}

TEST_F(TaskCreate, BadArgumentsAndUnknownNames) {
  expect_refusal("quy", "/giao", "Cách dùng: /giao @handle");
  expect_refusal("quy", "/giao @luc", "Cách dùng");
  expect_refusal("quy", "/giao @khongai Việc gì đó", "@khongai");
  EXPECT_EQ(count("tasks"), 0);
}

TEST_F(TaskCreate, OnlyTheLeadershipAssignsToOthers) {
  for (const char* who : {"hung", "thao", "minh"}) {
    expect_refusal(who, "/giao @lan Tổng hợp báo cáo hạn 15/12", "thẩm quyền");
  }
  for (const char* who : {"chutich", "quy", "luc", "admin"}) {
    EXPECT_TRUE(contains(ask(who, "/giao @lan Tổng hợp báo cáo hạn 15/12"), "Đã giao nhiệm vụ"))
        << who;
  }
  EXPECT_EQ(count("tasks"), 4);
  // Naming oneself is not assigning to others.
  EXPECT_TRUE(contains(ask("hung", "/giao @hung Tự rà soát"), "do đồng chí tự thực hiện"));
}

class TaskAssignersConfig : public TaskBotTest {
 protected:
  static Config with_assigners() {
    Config c = test_config("unused.db");
    c.task_assigners = {"thao"};
    return c;
  }
  TaskAssignersConfig() : TaskBotTest(with_assigners()) {}
};

TEST_F(TaskAssignersConfig, ListedHandlesMayAssign) {
  EXPECT_TRUE(contains(ask("thao", "/giao @minh Cập nhật cổng thông tin"), "Đã giao nhiệm vụ #1"));
  expect_refusal("minh", "/giao @thao Cập nhật cổng thông tin", "thẩm quyền");
}

TEST_F(TaskCreate, EditedCommandCreatesNothing) {
  Inbound in = bot.message("/giao @luc Dự thảo Quy chế hạn 15/12", id_of("quy"));
  in.kind = InboundKind::edited_message;
  bot.send(in);
  EXPECT_EQ(count("tasks"), 0);
  EXPECT_TRUE(received("quy").empty());
  EXPECT_TRUE(received("luc").empty());
}

TEST_F(TaskCreate, EnglishReaderGetsEnglishNotices) {
  ask("luc", "/lang en");
  EXPECT_TRUE(contains(ask("quy", "/giao @luc Dự thảo Quy chế hạn thứ 6 tuần sau 17h"),
                       "Đã giao nhiệm vụ #1"));
  const auto got = received("luc");
  ASSERT_EQ(got.size(), 1U);
  EXPECT_TRUE(contains(got[0].text, "Ngô Văn Quý assigned you task #1 as lead")) << got[0].text;
  EXPECT_TRUE(contains(got[0].text, "Deadline: 17:00 Friday, 04/12/2026")) << got[0].text;
  EXPECT_TRUE(contains(got[0].text, "Reply: /ack 1 · /done 1")) << got[0].text;
  EXPECT_EQ(got[0].buttons[0][0].label, "👌 Got it");
  const auto mine = ask("luc", "/task Write the minutes due tomorrow");
  EXPECT_TRUE(contains(mine, "Task #2 recorded for yourself")) << mine;
  EXPECT_TRUE(contains(mine, "Deadline: 17:00 Friday, 27/11/2026")) << mine;
  EXPECT_TRUE(contains(ask("luc", "/task 99"), "There is no task #99."));
}

TEST_F(TaskCreate, HelpListsTheTaskCommandsWithExamples) {
  const auto help = ask("hung", "/help");
  EXPECT_TRUE(contains(help, "/giao @luc Dự thảo Quy chế hạn thứ 6 tuần sau 17h")) << help;
  for (const char* cmd :
       {"/tasks", "/ack", "/done", "/progress", "/due", "/assign", "/cancel", "/reopen"}) {
    EXPECT_TRUE(contains(help, cmd)) << cmd;
  }
  // In Vietnamese the Vietnamese names lead, the English name beside.
  for (const char* line : {"\n/giao (/task) ", "\n/viec (/tasks) ", "\n/xong (/done) ",
                           "\n/giahan (/due) ", "\n/nhac (/remind) "}) {
    EXPECT_TRUE(contains(help, line)) << line;
  }
}

TEST_F(TaskCreate, UnitsCountOpenTasksOfTheirMembers) {
  ask("quy", "/giao @luc Việc một");
  ask("quy", "/giao @minh Việc hai");
  ask("quy", "/giao @hung Việc ba");
  ask("quy", "/huy 3");
  const auto units = ask("quy", "/units");
  EXPECT_TRUE(contains(units, "Văn phòng UBND Thành phố (vpub): 3 thành viên, 2 nhiệm vụ"))
      << units;
  EXPECT_TRUE(contains(units, "(skhcn): 2 thành viên, 0 nhiệm vụ")) << units;
}

}  // namespace
}  // namespace wgbot::testing
