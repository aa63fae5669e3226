// /ack, /done, /progress, /due, /assign, /cancel, /reopen: who may, what is recorded in the
// history, who is told — and refusals that change nothing.
#include <gtest/gtest.h>

#include "task_test_bot.hpp"

namespace wgbot::testing {
namespace {

class TaskUpdate : public TaskBotTest {
 protected:
  // #1: assigned by quy to hung (lead, skhcn) with lan supporting, due Fri 04/12 17:00.
  TaskUpdate() {
    ask("quy", "/giao @hung @lan Xây dựng kho dữ liệu dùng chung hạn thứ 6 tuần sau 17h");
    received("hung");
    received("lan");
  }
};

TEST_F(TaskUpdate, LeadAcknowledges) {
  expect_refusal("quy", "/ack 1", "Chỉ người chủ trì");
  expect_refusal("lan", "/danhan 1", "Chỉ người chủ trì");
  expect_refusal("hung", "/ack", "Cách dùng: /danhan SỐ");
  expect_refusal("hung", "/ack 99", "Không có nhiệm vụ #99");
  const auto reply = ask("hung", "/danhan #1");
  EXPECT_TRUE(contains(reply, "Đồng chí đã xác nhận nhận nhiệm vụ #1")) << reply;
  EXPECT_TRUE(task(1)->task.acked_at);
  ASSERT_EQ(events(1).size(), 2U);
  EXPECT_EQ(events(1)[1].kind, "ack");
  EXPECT_EQ(events(1)[1].actor_id, member_id("hung"));
  expect_refusal("hung", "/ack 1", "đã xác nhận");
}

TEST_F(TaskUpdate, ButtonPressRunsItsCommandAndIsAnswered) {
  Inbound press = bot.message("/ack 1", id_of("hung"));
  press.kind = InboundKind::callback;
  press.callback_id = "cb-1";
  bot.send(press);
  const auto got = received("hung");
  ASSERT_EQ(got.size(), 2U);
  EXPECT_TRUE(contains(got[0].text, "Đồng chí đã xác nhận nhận nhiệm vụ #1"));
  EXPECT_EQ(got[1].kind, OutKind::callback_answer);
  EXPECT_TRUE(task(1)->task.acked_at);
}

TEST_F(TaskUpdate, PressedCardIsRedrawnWithTheButtonsThatStillApply) {
  Inbound ack = bot.message("/ack 1", id_of("hung"));
  ack.kind = InboundKind::callback;
  ack.callback_id = "cb-ack";
  ack.callback_message_id = "5523";
  bot.send(ack);
  auto got = received("hung");
  ASSERT_EQ(got.size(), 3U);
  const Outgoing& redrawn = got[1];
  EXPECT_EQ(redrawn.kind, OutKind::edit);
  EXPECT_EQ(redrawn.edit_message_id, "5523");
  EXPECT_TRUE(contains(redrawn.text, "Xây dựng kho dữ liệu dùng chung"));
  std::string datas;
  for (const auto& row : redrawn.buttons) {
    for (const auto& b : row) datas += b.data + " ";
  }
  EXPECT_EQ(datas.find("ack:"), std::string::npos) << datas;
  EXPECT_NE(datas.find("done:1"), std::string::npos) << datas;

  Inbound done = bot.message("/done 1", id_of("hung"));
  done.kind = InboundKind::callback;
  done.callback_id = "cb-done";
  done.callback_message_id = "5523";
  bot.send(done);
  got = received("hung");
  const auto edit = std::find_if(got.begin(), got.end(),
                                 [](const Outgoing& o) { return o.kind == OutKind::edit; });
  ASSERT_NE(edit, got.end());
  EXPECT_TRUE(contains(edit->text, "Hoàn thành đúng hạn")) << edit->text;
  ASSERT_EQ(edit->buttons.size(), 1U);
  EXPECT_EQ(edit->buttons[0].at(0).data, "detail:1");
  // Typed commands never edit anything.
  ask("quy", "/giao @hung Việc thứ hai");
  received("hung");
  ask("hung", "/ack 2");
  for (const auto& o : received("hung")) EXPECT_NE(o.kind, OutKind::edit);
}

TEST_F(TaskUpdate, DoneTellsAssignerAndSupporters) {
  expect_refusal("lan", "/done 1", "Chỉ người chủ trì, người giao việc");
  expect_refusal("dung", "/xong 1", "Chỉ người chủ trì, người giao việc");
  expect_refusal("chutich", "/xong 1", "Chỉ người chủ trì, người giao việc");
  const auto reply = ask("hung", "/xong 1 đã trình Trưởng ban");
  EXPECT_TRUE(contains(reply, "Đã ghi nhận hoàn thành nhiệm vụ #1 — Hoàn thành đúng hạn")) << reply;
  const auto t = task(1);
  EXPECT_EQ(t->task.status, TaskStatus::done);
  EXPECT_EQ(t->task.done_at, bot.clock().now().time_since_epoch().count());
  EXPECT_EQ(t->task.progress, 100);
  EXPECT_EQ(events(1).back().kind, "done");
  EXPECT_EQ(events(1).back().note, "đã trình Trưởng ban");
  for (const char* h : {"quy", "lan"}) {
    const auto got = received(h);
    ASSERT_EQ(got.size(), 1U) << h;
    EXPECT_TRUE(
        contains(got[0].text, "Đ/c Phạm Quốc Hùng báo cáo đã hoàn thành nhiệm vụ #1 (đúng hạn):"))
        << got[0].text;
    EXPECT_TRUE(contains(got[0].text, "Ghi chú: đã trình Trưởng ban")) << got[0].text;
  }
  EXPECT_TRUE(received("hung").empty());
  expect_refusal("hung", "/xong 1", "đã hoàn thành");
  expect_refusal("hung", "/tiendo 1 50%", "đã hoàn thành");
}

TEST_F(TaskUpdate, DoneLateAndByTheStandingMember) {
  bot.clock().advance(std::chrono::days{9});  // Sat 05/12
  EXPECT_TRUE(contains(ask("luc", "/done 1"), "Hoàn thành quá hạn"));
  EXPECT_EQ(received("hung").size(), 1U);  // the lead did not act, so the lead is told
}

TEST_F(TaskUpdate, ProgressIsRecordedWithItsNote) {
  expect_refusal("hung", "/tiendo 1 150%", "Cách dùng: /tiendo");
  expect_refusal("hung", "/tiendo 1 nhiều", "Cách dùng: /tiendo");
  expect_refusal("hung", "/tiendo 1", "Cách dùng: /tiendo");
  expect_refusal("lan", "/tiendo 1 30%", "Chỉ người chủ trì, người giao việc");
  EXPECT_TRUE(contains(ask("hung", "/tiendo 1 30% đã lấy ý kiến các sở"), "0% → 30%"));
  EXPECT_TRUE(contains(ask("quy", "/progress #1 60"), "30% → 60%"));
  const auto t = task(1);
  EXPECT_EQ(t->task.progress, 60);
  EXPECT_EQ(t->task.last_progress_at, bot.clock().now().time_since_epoch().count());
  const auto history = ask("hung", "/task 1");
  EXPECT_TRUE(contains(history, "tiến độ 0% → 30% · ghi chú: đã lấy ý kiến các sở")) << history;
  EXPECT_TRUE(contains(history, "Tiến độ: 60%")) << history;
}

TEST_F(TaskUpdate, DueMovesTheDeadlineAndKeepsTheOld) {
  expect_refusal("hung", "/giahan 1 15/12", "Chỉ người giao việc");
  expect_refusal("lan", "/giahan 1 15/12", "Chỉ người giao việc");
  expect_refusal("quy", "/giahan 1", "Cách dùng: /giahan");
  expect_refusal("quy", "/giahan 1 thứ 9", "\"thứ 9\"");
  expect_refusal("quy", "/giahan 1 31/2", "\"31/2\"");
  expect_refusal("quy", "/giahan 1 thứ 9", "Ví dụ: /giahan 1 thứ 6 tuần sau 17h");
  const auto reply = ask("quy", "/giahan 1 15/12");
  EXPECT_TRUE(contains(reply, "17:00 thứ Sáu, 04/12/2026 → 17:00 thứ Ba, 15/12/2026")) << reply;
  EXPECT_EQ(task(1)->task.due_at, 1797328800);
  for (const char* h : {"hung", "lan"}) {
    const auto got = received(h);
    ASSERT_EQ(got.size(), 1U) << h;
    EXPECT_TRUE(contains(got[0].text, "Nhiệm vụ #1 được điều chỉnh hạn")) << got[0].text;
  }
  const auto history = ask("quy", "/task 1");
  EXPECT_TRUE(
      contains(history, "điều chỉnh hạn 17:00 thứ Sáu, 04/12/2026 → 17:00 thứ Ba, 15/12/2026"))
      << history;
  // People often write the word before the date.
  EXPECT_TRUE(contains(ask("quy", "/giahan 1 hạn 22/12"), "→ 17:00 thứ Ba, 22/12/2026"));
  EXPECT_TRUE(contains(ask("quy", "/giahan 1 đến 23/12"), "→ 17:00 thứ Tư, 23/12/2026"));
  EXPECT_TRUE(contains(ask("quy", "/giahan 1 den 24/12"), "→ 17:00 thứ Năm, 24/12/2026"));
  // The standing member and admins may too.
  EXPECT_TRUE(contains(ask("luc", "/due 1 16/12"), "Đã điều chỉnh hạn"));
  EXPECT_TRUE(contains(ask("admin", "/due 1 17/12"), "Đã điều chỉnh hạn"));
}

TEST_F(TaskUpdate, AssignChangesTheLead) {
  expect_refusal("hung", "/chuyen 1 @dung", "Chỉ người giao việc");
  expect_refusal("quy", "/chuyen 1", "Cách dùng: /chuyen");
  expect_refusal("quy", "/chuyen 1 @ai_do", "@ai_do");
  expect_refusal("quy", "/chuyen 1 @hung", "đang chủ trì");
  const auto reply = ask("quy", "/chuyen 1 @dung");
  EXPECT_TRUE(contains(reply, "Đã chuyển nhiệm vụ #1 cho đ/c Vũ Văn Dũng chủ trì")) << reply;
  const auto t = task(1);
  EXPECT_EQ(t->lead_id(), member_id("dung"));
  EXPECT_FALSE(t->has_assignee(member_id("hung")));
  EXPECT_TRUE(t->has_assignee(member_id("lan")));
  const auto lead = received("dung");
  ASSERT_EQ(lead.size(), 1U);
  EXPECT_TRUE(contains(lead[0].text, "giao đồng chí chủ trì thực hiện nhiệm vụ #1"))
      << lead[0].text;
  EXPECT_EQ(lead[0].buttons[0][0].data, "ack:1");
  const auto old = received("hung");
  ASSERT_EQ(old.size(), 1U);
  EXPECT_TRUE(contains(old[0].text, "đã được chuyển cho đ/c Vũ Văn Dũng chủ trì")) << old[0].text;
  EXPECT_TRUE(received("lan").empty());
  EXPECT_TRUE(
      contains(ask("quy", "/task 1"), "chuyển chủ trì đ/c Phạm Quốc Hùng → đ/c Vũ Văn Dũng"));
  // A supporter may become the lead.
  ask("quy", "/chuyen 1 @lan");
  EXPECT_EQ(task(1)->lead_id(), member_id("lan"));
  EXPECT_EQ(task(1)->assignees.size(), 1U);
}

TEST_F(TaskUpdate, AMembersOwnTaskStaysTheirs) {
  ask("hung", "/task Tự rà soát hạ tầng");
  expect_refusal("hung", "/chuyen 2 @thao", "thẩm quyền");
  EXPECT_TRUE(contains(ask("hung", "/huy 2"), "Đã hủy nhiệm vụ #2"));
}

TEST_F(TaskUpdate, CancelAndReopen) {
  expect_refusal("hung", "/huy 1", "Chỉ người giao việc");
  expect_refusal("quy", "/molai 1", "đang thực hiện");
  EXPECT_TRUE(contains(ask("quy", "/huy 1"), "Đã hủy nhiệm vụ #1"));
  EXPECT_EQ(task(1)->task.status, TaskStatus::cancelled);
  for (const char* h : {"hung", "lan"}) {
    const auto got = received(h);
    ASSERT_EQ(got.size(), 1U) << h;
    EXPECT_TRUE(contains(got[0].text, "Đ/c Ngô Văn Quý đã hủy nhiệm vụ")) << got[0].text;
  }
  expect_refusal("quy", "/huy 1", "đã bị hủy");
  expect_refusal("hung", "/ack 1", "đã bị hủy");
  expect_refusal("hung", "/molai 1", "Chỉ người giao việc");
  EXPECT_TRUE(contains(ask("quy", "/molai 1"), "Đã mở lại nhiệm vụ #1"));
  EXPECT_EQ(task(1)->task.status, TaskStatus::open);
  EXPECT_TRUE(contains(received("hung").at(0).text, "Đ/c Ngô Văn Quý đã mở lại nhiệm vụ"));
  const auto history = ask("quy", "/task 1");
  EXPECT_TRUE(contains(history, "hủy nhiệm vụ")) << history;
  EXPECT_TRUE(contains(history, "mở lại nhiệm vụ")) << history;
}

TEST_F(TaskUpdate, ReopenAfterDone) {
  ask("hung", "/xong 1");
  EXPECT_TRUE(contains(ask("quy", "/reopen 1"), "Đã mở lại"));
  const auto t = task(1);
  EXPECT_EQ(t->task.status, TaskStatus::open);
  EXPECT_FALSE(t->task.done_at);
}

TEST_F(TaskUpdate, UpdatesInEnglish) {
  ask("hung", "/lang en");
  EXPECT_TRUE(contains(ask("hung", "/ack 1"), "Task #1 acknowledged"));
  EXPECT_TRUE(contains(ask("hung", "/progress 1 40%"), "Task #1 progress: 0% → 40%."));
  const auto refused = bot.ask("/cancel 1", id_of("hung"));
  ASSERT_EQ(refused.size(), 1U);
  EXPECT_EQ(refused[0], "Only the assigner, the Standing member or an admin can change task #1.");
  EXPECT_TRUE(contains(ask("hung", "/done"), "Usage: /done ID [note]"));
  EXPECT_TRUE(contains(ask("hung", "/done 1"), "Task #1 marked done — Done on time."));
  // A done task keeps its deadline: the done-on-time record cannot be rewritten.
  EXPECT_TRUE(contains(ask("quy", "/giahan 1 15/12"), "đã hoàn thành"));
  EXPECT_TRUE(received("hung").empty());
}

}  // namespace
}  // namespace wgbot::testing

namespace wgbot::testing {
namespace {

// A task that had no deadline cannot have been done "on time": it is simply done.
TEST_F(TaskUpdate, ATaskWithoutADeadlineIsDoneNotDoneOnTime) {
  ask("quy", "/giao @hung Tổng hợp ý kiến góp ý");  // #2, no deadline
  ASSERT_TRUE(task(2));
  ASSERT_FALSE(task(2)->task.due_at.has_value());
  const auto reply = ask("hung", "/xong 2");
  EXPECT_TRUE(contains(reply, "— Đã hoàn thành")) << reply;
  EXPECT_FALSE(contains(reply, "đúng hạn")) << reply;
  // The assigner is told in the office's words, without a timeliness that does not apply.
  const auto got = received("quy");
  ASSERT_FALSE(got.empty());
  EXPECT_TRUE(contains(got.back().text, "Đ/c Phạm Quốc Hùng báo cáo đã hoàn thành nhiệm vụ #2:"))
      << got.back().text;
  EXPECT_FALSE(contains(got.back().text, "đúng hạn")) << got.back().text;
}

}  // namespace
}  // namespace wgbot::testing
