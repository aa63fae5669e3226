#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "storage/connection.hpp"

#include "fakes/test_bot.hpp"

namespace wgbot {
namespace {

using testing::TestBot;

// The bot's clock reads Thu 26/11/2026 10:00 (+07:00).
class ReminderCommands : public ::testing::Test {
 protected:
  void SetUp() override {
    bot.link("telegram", "u1", "luc");
    bot.link("telegram", "u2", "hung");
  }

  std::string ask(const std::string& text, const std::string& sender = "u1") {
    const auto replies = bot.ask(text, sender);
    EXPECT_EQ(replies.size(), 1U) << text;
    return replies.empty() ? std::string() : replies[0];
  }

  std::int64_t count(const std::string& sql) {
    return bot.writer().run([&](storage::Connection& db) { return db.execAndGet(sql).getInt64(); });
  }

  // Everything about reminders, to show a refusal changed nothing.
  std::string snapshot() {
    return bot.writer().run([](storage::Connection& db) {
      SQLite::Statement q(db,
                          "SELECT group_concat(id || '|' || status || '|' || IFNULL(next_at, '') "
                          "|| '|' || text, ';') FROM reminders");
      q.executeStep();
      return q.getColumn(0).getString();
    });
  }

  TestBot bot;
};

TEST_F(ReminderCommands, RemindEchoesTheFullDateAndStoresTheChat) {
  EXPECT_EQ(ask("/remind 8h sáng mai: họp giao ban"),
            "⏰ Đã đặt lời nhắc #1 lúc 08:00 thứ Sáu, 27/11/2026: \"họp giao ban\"");
  EXPECT_EQ(count("SELECT COUNT(*) FROM reminders WHERE platform = 'telegram' AND chat_id = "
                  "'chat-u1' AND rrule IS NULL AND status = 'active'"),
            1);
}

TEST_F(ReminderCommands, RecurringReminderIsDescribedInWords) {
  EXPECT_EQ(
      ask("/nhac every weekday 16:30: cập nhật tiến độ"),
      "⏰ Đã đặt lời nhắc #1: \"cập nhật tiến độ\"\nLặp lại: 16:30 các ngày làm việc. Lần đầu: "
      "16:30 thứ Năm, 26/11/2026");
  EXPECT_EQ(
      ask("/nhac mỗi thứ 2 9h: giao ban tuần"),
      "⏰ Đã đặt lời nhắc #2: \"giao ban tuần\"\nLặp lại: 09:00 thứ Hai hằng tuần. Lần đầu: 09:00 "
      "thứ Hai, 30/11/2026");
  EXPECT_EQ(
      ask("/nhac hàng tháng ngày 5 8h: nộp báo cáo tháng"),
      "⏰ Đã đặt lời nhắc #3: \"nộp báo cáo tháng\"\nLặp lại: 08:00 ngày 5 hằng tháng. Lần đầu: "
      "08:00 thứ Bảy, 05/12/2026");
  EXPECT_EQ(count("SELECT skip_holidays FROM reminders WHERE id = 1"), 1);
  EXPECT_EQ(count("SELECT rrule = 'FREQ=WEEKLY;BYDAY=MO' FROM reminders WHERE id = 2"), 1);
}

TEST_F(ReminderCommands, BadInputGetsOneLineAndChangesNothing) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"/remind",
       "Cách dùng: /nhac THỜI ĐIỂM: NỘI DUNG, ví dụ: /nhac 8h sáng mai: họp giao ban "
       "(hoặc /nhac họp giao ban lúc 8h sáng mai)"},
      {"/remind họp giao ban", "Cách dùng: /nhac"},
      {"/remind 8h sáng mai:", "Lời nhắc \"8h sáng mai\" chưa có nội dung"},
      {"/remind abc xyz: họp", "Không hiểu thời gian \"abc xyz\". Ví dụ: /nhac 8h sáng mai"},
      {"/remind 15/11: họp", "Ngày \"15/11\" vừa qua"},
      {"/remind 31/2: họp", "Ngày \"31/2\" không tồn tại"},
      {"/nhac 9h 1/1/2020: họp", "đã qua"},
      {"/remind 8h:" + std::string(1001, 'x'), "quá dài"},
  };
  ask("/remind 17h: đã có");
  const auto before = snapshot();
  for (const auto& [input, expected] : cases) {
    const auto reply = ask(input);
    EXPECT_NE(reply.find(expected), std::string::npos) << input << " → " << reply;
    EXPECT_EQ(reply.find('\n'), std::string::npos) << input << " → " << reply;
  }
  EXPECT_EQ(snapshot(), before);
}

TEST_F(ReminderCommands, ListShowsOnlyOwnActiveRemindersWithIds) {
  EXPECT_EQ(ask("/dsnhac"),
            "Đồng chí chưa có lời nhắc nào. Đặt lời nhắc, ví dụ: /nhac 8h sáng mai: họp giao ban");
  ask("/remind 17h: gửi công văn");
  ask("/remind mỗi ngày 8h: đọc văn bản đến");
  ask("/remind 9h: việc của người khác", "u2");
  EXPECT_EQ(ask("/reminders"),
            "**Lời nhắc của đồng chí (2)**\n"
            "#1 · 17:00 thứ Năm, 26/11/2026 — gửi công văn\n"
            "#2 · 08:00 hằng ngày (lần tới 08:00 thứ Sáu, 27/11/2026) — đọc văn bản đến\n"
            "Xóa: /huynhac SỐ · Nhắc lại sau: /hoannhac SỐ");
}

TEST_F(ReminderCommands, UnremindDeletesOnlyOwnReminder) {
  ask("/remind 17h: gửi công văn");
  ask("/remind 9h: của đ/c Hùng", "u2");
  EXPECT_EQ(ask("/unremind 2"), "Đồng chí không có lời nhắc #2 đang chờ. Xem danh sách: /dsnhac");
  EXPECT_EQ(count("SELECT COUNT(*) FROM reminders WHERE status = 'active'"), 2);
  EXPECT_EQ(ask("/huynhac #1"), "Đã xóa lời nhắc #1: \"gửi công văn\"");
  EXPECT_EQ(ask("/unremind 1"), "Đồng chí không có lời nhắc #1 đang chờ. Xem danh sách: /dsnhac");
  EXPECT_NE(ask("/unremind abc").find("Cách dùng: /huynhac SỐ"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM reminders WHERE status = 'active'"), 1);
}

TEST_F(ReminderCommands, SnoozeReschedulesAOneOffReminder) {
  ask("/remind 10h30: gọi Sở Tài chính");
  // Not fired yet: delayed from its own time, never brought forward.
  EXPECT_EQ(ask("/snooze 1"),
            "⏰ Sẽ nhắc lại lúc 11:30 thứ Năm, 26/11/2026: \"gọi Sở Tài chính\" (lời nhắc #1)");
  EXPECT_EQ(ask("/hoannhac 1 30 phút"),
            "⏰ Sẽ nhắc lại lúc 12:00 thứ Năm, 26/11/2026: \"gọi Sở Tài chính\" (lời nhắc #1)");
  EXPECT_NE(ask("/snooze 1 60m").find("13:00 thứ Năm"), std::string::npos);  // "snooze:1:60"
  bot.writer().run([](storage::Connection& db) {
    db.exec("UPDATE reminders SET status = 'done', next_at = NULL");  // it has fired
  });
  EXPECT_NE(ask("/snooze 1 2 tiếng").find("12:00 thứ Năm"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM reminders WHERE status = 'active' AND next_at = "
                  "1795662000 + 7200"),
            1);
}

TEST_F(ReminderCommands, SnoozeBeforeTheReminderFiresKeepsItsTime) {
  ask("/nhac 8h sáng mai: họp giao ban");
  EXPECT_EQ(ask("/hoannhac 1 30 phút"),
            "⏰ Sẽ nhắc lại lúc 08:30 thứ Sáu, 27/11/2026: \"họp giao ban\" (lời nhắc #1)");
  EXPECT_EQ(count("SELECT next_at FROM reminders WHERE id = 1"), 1795662000 + 22 * 3600 + 1800);
}

TEST_F(ReminderCommands, SnoozeOfATaskNoticeRemindsTheAssigneeOfTheTask) {
  bot.ask("/giao @hung Báo cáo sơ kết hạn 15/12", "u1");
  EXPECT_EQ(ask("/hoannhac nv1", "u2"),
            "⏰ Sẽ nhắc lại lúc 11:00 thứ Năm, 26/11/2026: \"Nhiệm vụ #1 \"Báo cáo sơ kết\" (xem: "
            "/giao 1)\" (lời nhắc #1)");
  EXPECT_EQ(count("SELECT COUNT(*) FROM reminders WHERE chat_id = 'chat-u2' AND next_at = "
                  "1795662000 + 3600 AND rrule IS NULL"),
            1);
  // Only an assignee of an open task; nothing changes otherwise.
  EXPECT_EQ(ask("/hoannhac nv1 30 phút", "u1"),
            "Chỉ người được giao nhiệm vụ #1 mới đặt nhắc lại được, khi nhiệm vụ còn đang thực "
            "hiện.");
  EXPECT_EQ(ask("/hoannhac nv9", "u2").rfind("Chỉ người được giao nhiệm vụ #9", 0), 0U);
  EXPECT_EQ(count("SELECT COUNT(*) FROM reminders"), 1);
}

TEST_F(ReminderCommands, RemindWithoutColonReadsTheTrailingTime) {
  EXPECT_EQ(ask("/nhac họp giao ban lúc 8h sáng mai"),
            "⏰ Đã đặt lời nhắc #1 lúc 08:00 thứ Sáu, 27/11/2026: \"họp giao ban\"");
  EXPECT_EQ(ask("/nhac gui bao cao vao 15/12 luc 9h"),
            "⏰ Đã đặt lời nhắc #2 lúc 09:00 thứ Ba, 15/12/2026: \"gui bao cao\"");
  EXPECT_EQ(ask("/nhac gửi báo cáo: bản cuối lúc 14h"),
            "⏰ Đã đặt lời nhắc #3 lúc 14:00 thứ Năm, 26/11/2026: \"gửi báo cáo: bản cuối\"");
  EXPECT_EQ(ask("/nhac họp giao ban lúc nào đó"),
            "Cách dùng: /nhac THỜI ĐIỂM: NỘI DUNG, ví dụ: /nhac 8h sáng mai: họp giao ban (hoặc "
            "/nhac họp giao ban lúc 8h sáng mai)");
}

TEST_F(ReminderCommands, SnoozeOfARecurringReminderAddsOneExtraFiring) {
  ask("/remind mỗi ngày 8h: đọc văn bản đến");
  const auto next = count("SELECT next_at FROM reminders WHERE id = 1");
  EXPECT_EQ(ask("/snooze 1 2h"),
            "⏰ Sẽ nhắc lại lúc 12:00 thứ Năm, 26/11/2026: \"đọc văn bản đến\" (lời nhắc #2)");
  EXPECT_EQ(count("SELECT next_at FROM reminders WHERE id = 1"), next);  // the rule goes on
  EXPECT_EQ(count("SELECT rrule IS NULL AND chat_id = 'chat-u1' FROM reminders WHERE id = 2"), 1);
}

TEST_F(ReminderCommands, SnoozeRefusalsChangeNothing) {
  ask("/remind 10h30: của đ/c Lực");
  ask("/remind 11h: của đ/c Hùng", "u2");
  const auto before = snapshot();
  EXPECT_EQ(ask("/snooze 2"), "#2 không phải lời nhắc của đồng chí. Xem danh sách: /dsnhac");
  EXPECT_EQ(ask("/snooze 99"), "#99 không phải lời nhắc của đồng chí. Xem danh sách: /dsnhac");
  EXPECT_EQ(ask("/snooze 1 abc"), "Không hiểu thời lượng \"abc\". Ví dụ: /hoannhac 12 2 tiếng");
  EXPECT_EQ(ask("/snooze 1 30"), "Không hiểu thời lượng \"30\". Ví dụ: /hoannhac 12 2 tiếng");
  EXPECT_EQ(ask("/snooze"), "Cách dùng: /hoannhac SỐ [thời lượng], ví dụ: /hoannhac 12 30 phút");
  EXPECT_EQ(snapshot(), before);
}

TEST_F(ReminderCommands, EnglishMemberGetsEnglish) {
  ask("/lang en");
  EXPECT_EQ(ask("/remind tomorrow 8am: weekly meeting"),
            "⏰ Reminder #1 set for 08:00 Friday, 27/11/2026: \"weekly meeting\"");
  EXPECT_EQ(ask("/remind every monday 9am: team sync"),
            "⏰ Reminder #2 set every Monday at 09:00: \"team sync\". First: 09:00 Monday, "
            "30/11/2026");
  EXPECT_EQ(ask("/remind whenever: x"),
            "Cannot read the time \"whenever\". Example: /remind tomorrow 8am: weekly meeting");
  EXPECT_EQ(ask("/snooze 7"), "#7 is not one of your reminders. See the list: /reminders");
  EXPECT_EQ(ask("/reminders").substr(0, 24), "**Your reminders (2)**\n#");
}

TEST_F(ReminderCommands, UnlinkedAccountCannotSetReminders) {
  const auto reply = ask("/remind 17h: x", "stranger");
  EXPECT_NE(reply.find("chưa được liên kết"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM reminders"), 0);
}

TEST_F(ReminderCommands, HelpListsTheReminderCommands) {
  const auto help = ask("/help");
  for (const char* cmd : {"/remind", "/reminders", "/unremind", "/snooze"}) {
    EXPECT_NE(help.find(cmd), std::string::npos) << cmd;
  }
}

}  // namespace
}  // namespace wgbot
