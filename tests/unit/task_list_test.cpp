// /tasks (/viec): filters, visibility, paging, order (overdue first), states as the clock moves;
// /task <id>: one task with its history.
#include <gtest/gtest.h>

#include "task_test_bot.hpp"

namespace wgbot::testing {
namespace {

using namespace std::chrono_literals;
using TaskList = TaskBotTest;

// The position of `needle` in `text`, or npos.
std::size_t at(const std::string& text, const std::string& needle) {
  return text.find(needle);
}

TEST_F(TaskList, PagedByDueDateWithATrailingPageNumber) {
  // Created out of order: due 1/12 … 12/12 (and one without a deadline, listed last).
  ask("quy", "/giao @minh Việc không hạn");
  for (int day = 12; day >= 1; --day) {
    ask("quy", "/giao @minh Việc ngày " + std::to_string(day) + " hạn " + std::to_string(day) +
                   "/12/2026");
  }
  const auto first = ask("minh", "/viec");
  EXPECT_TRUE(contains(first, "**Nhiệm vụ của đồng chí (13)** — trang 1/2")) << first;
  EXPECT_LT(at(first, "Việc ngày 1\n"), at(first, "Việc ngày 2\n"));
  EXPECT_LT(at(first, "Việc ngày 9\n"), at(first, "Việc ngày 10\n"));
  EXPECT_FALSE(contains(first, "Việc ngày 11")) << first;
  EXPECT_TRUE(contains(first, "Trang sau: /viec 2")) << first;
  const auto second = ask("minh", "/viec mine 2");
  EXPECT_TRUE(contains(second, "trang 2/2")) << second;
  EXPECT_LT(at(second, "Việc ngày 12"), at(second, "Việc không hạn"));
  EXPECT_TRUE(contains(second, "chưa có hạn")) << second;
  EXPECT_FALSE(contains(second, "Trang sau"));
  expect_refusal("minh", "/viec 3", "chỉ có 2 trang");
}

TEST_F(TaskList, OverdueFirstWithCalendarDaysAndStates) {
  ask("quy", "/giao @hung Việc sắp tới hạn 15/12");
  ask("quy", "/giao @hung Việc gấp hạn mai");  // Fri 27/11 17:00
  bot.clock().advance(4 * 24h);                // Mon 30/11 10:00
  const auto list = ask("hung", "/viec");
  EXPECT_LT(at(list, "Việc gấp"), at(list, "Việc sắp tới")) << list;
  EXPECT_TRUE(contains(list, "Đang thực hiện quá hạn (quá hạn 3 ngày)")) << list;
  EXPECT_TRUE(contains(list, "Đang thực hiện trong hạn")) << list;
  const auto overdue = ask("quy", "/tasks overdue");
  EXPECT_TRUE(contains(overdue, "**Nhiệm vụ quá hạn (1)**")) << overdue;
  EXPECT_TRUE(contains(overdue, "Việc gấp"));
  EXPECT_FALSE(contains(overdue, "Việc sắp tới"));
  // A new deadline is what counts.
  ask("quy", "/giahan 2 10/12");
  EXPECT_TRUE(contains(ask("quy", "/viec overdue"), "không có nhiệm vụ nào"));
}

TEST_F(TaskList, NoProgressUpdateAfterFiveWorkingDays) {
  ask("quy", "/giao @hung Việc dài hạn hạn 31/12");
  bot.clock().advance(6 * 24h);  // Wed 02/12: four working days since Thursday
  EXPECT_TRUE(contains(ask("hung", "/viec"), "Đang thực hiện trong hạn"));
  bot.clock().advance(24h);  // Thu 03/12: five
  EXPECT_TRUE(contains(ask("hung", "/viec"), "Chưa cập nhật tiến độ"));
  EXPECT_TRUE(contains(ask("hung", "/task 1"), "Tình trạng: Chưa cập nhật tiến độ"));
  ask("hung", "/tiendo 1 20%");
  EXPECT_TRUE(contains(ask("hung", "/viec"), "Đang thực hiện trong hạn"));
}

TEST_F(TaskList, DoneListShowsOnTimeAndLate) {
  ask("quy", "/giao @hung Việc đúng hạn hạn mai");
  ask("quy", "/giao @hung Việc trễ hạn mai");
  ask("hung", "/xong 1");
  bot.clock().advance(2 * 24h);
  ask("hung", "/xong 2");
  const auto done = ask("quy", "/viec done");
  EXPECT_TRUE(contains(done, "**Nhiệm vụ đã hoàn thành (2)**")) << done;
  EXPECT_TRUE(contains(done, "Hoàn thành đúng hạn"));
  EXPECT_TRUE(contains(done, "Hoàn thành quá hạn"));
  EXPECT_LT(at(done, "Việc trễ"), at(done, "Việc đúng hạn"));  // latest first
  EXPECT_FALSE(contains(ask("hung", "/viec"), "Việc trễ"));    // open only by default
}

TEST_F(TaskList, OthersSeeTheirOwnAndTheirUnits) {
  ask("quy", "/giao @hung Việc của Sở KH&CN hạn 15/12");      // skhcn
  ask("quy", "/giao @dung Việc của Sở Tài chính hạn 15/12");  // stc
  ask("quy", "/giao @lan @stc Việc phối hợp hạn 15/12");      // snv leads, stc supports
  const auto dung = ask("dung", "/viec all");
  EXPECT_TRUE(contains(dung, "Việc của Sở Tài chính"));
  EXPECT_TRUE(contains(dung, "Việc phối hợp"));
  EXPECT_FALSE(contains(dung, "Việc của Sở KH&CN")) << dung;
  const auto thao = ask("thao", "/viec all");  // hung's unit
  EXPECT_TRUE(contains(thao, "Việc của Sở KH&CN")) << thao;
  EXPECT_FALSE(contains(thao, "Việc của Sở Tài chính"));
  EXPECT_TRUE(contains(ask("thao", "/viec @hung"), "Việc của Sở KH&CN"));
  expect_refusal("dung", "/viec @hung", "chỉ xem được nhiệm vụ của mình");
  expect_refusal("dung", "/viec unit skhcn", "chỉ xem được nhiệm vụ của mình");
  expect_refusal("dung", "/task 1", "nằm ngoài phạm vi");
  EXPECT_TRUE(contains(ask("thao", "/task 1"), "**Nhiệm vụ #1**"));
  // The leadership sees everything.
  const auto quy = ask("quy", "/viec all");
  EXPECT_TRUE(contains(quy, "(3)")) << quy;
  const auto unit = ask("quy", "/viec unit stc");
  EXPECT_TRUE(contains(unit, "**Nhiệm vụ của Sở Tài chính (2)**")) << unit;
  // The unit's full name, typed without diacritics.
  EXPECT_TRUE(contains(ask("quy", "/viec unit so tai chinh"), "**Nhiệm vụ của Sở Tài chính (2)**"));
  EXPECT_TRUE(
      contains(ask("quy", "/viec don vi Sở Tài chính"), "**Nhiệm vụ của Sở Tài chính (2)**"));
  EXPECT_TRUE(contains(ask("chutich", "/viec @skhcn"), "Việc của Sở KH&CN"));
  EXPECT_TRUE(contains(ask("luc", "/viec @hung"), "**Nhiệm vụ của đ/c Phạm Quốc Hùng (1)**"));
}

TEST_F(TaskList, BadFilters) {
  expect_refusal("quy", "/viec linh tinh", "Cách dùng: /viec");
  expect_refusal("quy", "/viec unit khong_co", "Không có đơn vị \"khong_co\"");
  expect_refusal("quy", "/viec @khong_co", "@khong_co");
  EXPECT_TRUE(contains(ask("quy", "/viec"), "Nhiệm vụ của đồng chí: không có nhiệm vụ nào."));
}

TEST_F(TaskList, ShowOneTaskWithHistoryByIdOrHash) {
  ask("quy", "/giao @luc @hung Dự thảo Quy chế hạn thứ 6 tuần sau 17h src QĐ 699/QĐ-UBND");
  bot.clock().advance(1h);
  ask("luc", "/danhan 1");
  for (const char* cmd : {"/task 1", "/task #1", "/giao #1", "/nv 1"}) {
    const auto shown = ask("hung", cmd);
    EXPECT_TRUE(contains(shown, "**Nhiệm vụ #1**")) << cmd << shown;
    EXPECT_TRUE(contains(shown, "Nội dung: **Dự thảo Quy chế**")) << shown;
    EXPECT_TRUE(contains(shown, "Người giao: đ/c Ngô Văn Quý")) << shown;
    EXPECT_TRUE(contains(shown, "Văn bản: QĐ 699/QĐ-UBND")) << shown;
    EXPECT_TRUE(contains(shown, "Tình trạng: Đang thực hiện trong hạn")) << shown;
    EXPECT_TRUE(contains(shown, "Diễn biến:")) << shown;
    EXPECT_TRUE(contains(shown,
                         "• 10:00 26/11/2026 — đ/c Ngô Văn Quý: giao nhiệm vụ, hạn 17:00 "
                         "thứ Sáu, 04/12/2026"))
        << shown;
    EXPECT_TRUE(contains(shown, "• 11:00 26/11/2026 — đ/c Lê Tự Lực: xác nhận đã nhận nhiệm vụ"))
        << shown;
  }
  EXPECT_EQ(count("tasks"), 1);  // showing creates nothing
  // The lead's view carries the buttons.
  Inbound in = bot.message("/task 1", id_of("luc"));
  bot.send(in);
  const auto lead_view = received("luc");
  ASSERT_FALSE(lead_view.empty());
  ASSERT_FALSE(lead_view.back().buttons.empty());
  EXPECT_EQ(lead_view.back().buttons[0][1].data, "done:1");
  expect_refusal("hung", "/task 42", "Không có nhiệm vụ #42");
}

TEST_F(TaskList, EnglishList) {
  ask("quy", "/giao @hung Prepare the report due tomorrow");
  bot.clock().advance(3 * 24h);
  ask("hung", "/lang en");
  const auto list = ask("hung", "/tasks");
  EXPECT_TRUE(contains(list, "**Your tasks (1)** — page 1/1")) << list;
  EXPECT_TRUE(contains(list, "due 17:00 Friday, 27/11/2026 · Overdue (2 days)")) << list;
  const auto shown = ask("hung", "/task 1");
  EXPECT_TRUE(contains(shown, "State: Overdue (2 days)")) << shown;
  EXPECT_TRUE(contains(shown, "assigned the task, due 17:00 Friday, 27/11/2026")) << shown;
}

}  // namespace
}  // namespace wgbot::testing
