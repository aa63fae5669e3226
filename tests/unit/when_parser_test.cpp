// Table-driven tests of the `<when>` parser, plus split_deadline, split_reminder and durations.
// Unless a case says otherwise, "now" is Thursday 2026-11-26 10:00 in Hanoi.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "handlers/time/duration.hpp"
#include "handlers/time/when_parser.hpp"

namespace {

using wgbot::timeexpr::Calendar;
using wgbot::timeexpr::ErrorKind;
using wgbot::timeexpr::Options;
using wgbot::timeexpr::Purpose;
using wgbot::timeexpr::When;
using wgbot::timeexpr::WhenError;
using namespace std::chrono_literals;

constexpr const char* kNow = "2026-11-26 10:00";  // a Thursday

// "YYYY-MM-DD HH:MM[:SS]" local to the calendar's zone. (Not date::parse: GCC 12 flags it with
// maybe-uninitialized at -O2.)
std::chrono::sys_seconds local_time(const Calendar& cal, const std::string& text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  const int n = std::sscanf(text.c_str(), "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &s);
  EXPECT_GE(n, 5) << text;
  const date::local_days day{date::year{y} / date::month(static_cast<unsigned>(mo)) /
                             date::day(static_cast<unsigned>(d))};
  return cal.to_sys(date::local_seconds{day} + std::chrono::hours{h} + std::chrono::minutes{mi} +
                    std::chrono::seconds{s});
}

std::string show(const Calendar& cal, std::chrono::sys_seconds t) {
  return date::format("%Y-%m-%d %H:%M", date::floor<std::chrono::minutes>(cal.to_local(t)));
}

const char* kind_name(ErrorKind k) {
  switch (k) {
    case ErrorKind::empty:
      return "!empty";
    case ErrorKind::unreadable:
      return "!unreadable";
    case ErrorKind::in_past:
      return "!in_past";
    case ErrorKind::impossible_date:
      return "!impossible_date";
    case ErrorKind::weekday_mismatch:
      return "!weekday_mismatch";
    case ErrorKind::needs_year:
      return "!needs_year";
    case ErrorKind::recurrence_not_allowed:
      return "!recurrence_not_allowed";
  }
  return "!?";
}

enum Mode { kDeadline, kReminder, kRecurring };

struct Case {
  const char* phrase;
  const char* expect;  // local "YYYY-MM-DD HH:MM", or "!kind" for an error
  Mode mode = kDeadline;
  const char* rrule = nullptr;  // with "+skip" when holidays are skipped
  const char* now = kNow;
};

std::ostream& operator<<(std::ostream& os, const Case& c) {
  return os << '"' << c.phrase << "\" at " << c.now;
}

const Case kCases[] = {
    // Dates, all the written forms.
    {"15/12", "2026-12-15 17:00"},
    {"15/12/2026", "2026-12-15 17:00"},
    {"15-12-2026", "2026-12-15 17:00"},
    {"2026-12-15", "2026-12-15 17:00"},
    {"15.12.2026", "2026-12-15 17:00"},
    {"15/12/26", "2026-12-15 17:00"},
    {"ngày 15 tháng 12", "2026-12-15 17:00"},
    {"ngày 15 tháng 12 năm 2026", "2026-12-15 17:00"},
    {"ngay 15 thang 12", "2026-12-15 17:00"},
    {"Ngày 15 Tháng 12", "2026-12-15 17:00"},
    {"15/12/2027", "2027-12-15 17:00"},
    {"ngày 4/12", "2026-12-04 17:00"},
    {"30/11", "2026-11-30 17:00"},
    {"31/12 23h59", "2026-12-31 23:59"},
    {"15/12/2026 16:30", "2026-12-15 16:30"},
    {"dec 15", "2026-12-15 17:00"},
    {"15 december 2026", "2026-12-15 17:00"},
    {"december 15th, 2026 at 5pm", "2026-12-15 17:00"},
    {"the 20th", "2026-12-20 17:00"},
    {"ngày 20", "2026-12-20 17:00"},
    {"thứ Sáu, 04/12/2026", "2026-12-04 17:00"},
    {"thứ 5, 04/12/2026", "!weekday_mismatch"},
    // A day/month without year: the next one, or ask for the year within 60 days.
    {"15/1", "2027-01-15 17:00"},
    {"1/1", "2027-01-01 17:00"},
    {"15/11", "!needs_year"},
    {"27/9", "!needs_year"},
    {"26/9", "2027-09-26 17:00"},
    {"26/11", "2026-11-26 17:00"},
    {"26/11 9h", "!in_past"},
    {"25/11/2026", "!in_past"},
    {"15/12/2025", "!in_past"},
    // Impossible dates.
    {"31/2", "!impossible_date"},
    {"31/4", "!impossible_date"},
    {"29/2/2027", "!impossible_date"},
    {"29/2/2028", "2028-02-29 17:00"},
    {"29/2", "!impossible_date"},
    {"29/2", "2028-02-29 17:00", kDeadline, nullptr, "2027-11-26 10:00"},
    {"32/12", "!impossible_date"},
    {"15/13", "!impossible_date"},
    // Relative days.
    {"hôm nay", "2026-11-26 17:00"},
    {"hom nay", "2026-11-26 17:00"},
    {"today", "2026-11-26 17:00"},
    {"mai", "2026-11-27 17:00"},
    {"ngày mai", "2026-11-27 17:00"},
    {"ngay mai", "2026-11-27 17:00"},
    {"tomorrow", "2026-11-27 17:00"},
    {"ngày kia", "2026-11-28 17:00"},
    {"mốt", "2026-11-28 17:00"},
    {"ngày mốt", "2026-11-28 17:00"},
    // Weekdays: the next one, never today.
    {"thứ 2", "2026-11-30 17:00"},
    {"thứ hai", "2026-11-30 17:00"},
    {"thu hai", "2026-11-30 17:00"},
    {"T2", "2026-11-30 17:00"},
    {"t2", "2026-11-30 17:00"},
    {"monday", "2026-11-30 17:00"},
    {"thứ 3", "2026-12-01 17:00"},
    {"thứ ba", "2026-12-01 17:00"},
    {"thứ 4", "2026-12-02 17:00"},
    {"thứ tư", "2026-12-02 17:00"},
    {"thứ 5", "2026-12-03 17:00"},
    {"thứ năm", "2026-12-03 17:00"},
    {"thursday", "2026-12-03 17:00"},
    {"thứ 6", "2026-11-27 17:00"},
    {"thứ sáu", "2026-11-27 17:00"},
    {"thu sau", "2026-11-27 17:00"},
    {"T6", "2026-11-27 17:00"},
    {"friday", "2026-11-27 17:00"},
    {"Friday", "2026-11-27 17:00"},
    {"thứ 7", "2026-11-28 17:00"},
    {"thứ bảy", "2026-11-28 17:00"},
    {"chủ nhật", "2026-11-29 17:00"},
    {"CN", "2026-11-29 17:00"},
    {"sunday", "2026-11-29 17:00"},
    {"thứ 2", "2026-12-07 17:00", kDeadline, nullptr, "2026-11-30 09:00"},
    {"thứ 2 tuần sau", "2026-12-07 17:00", kDeadline, nullptr, "2026-11-30 09:00"},
    {"thứ 6 tuần sau", "2026-12-04 17:00"},
    {"thu 6 tuan sau", "2026-12-04 17:00"},
    {"THỨ 6 TUẦN SAU", "2026-12-04 17:00"},
    {"thứ 6 tuần tới", "2026-12-04 17:00"},
    {"chủ nhật tuần sau", "2026-12-06 17:00"},
    {"friday next week", "2026-12-04 17:00"},
    {"next friday", "2026-12-04 17:00"},
    {"this friday", "2026-11-27 17:00"},
    {"thứ 6 này", "2026-11-27 17:00"},
    {"thứ 6 tới", "2026-11-27 17:00"},
    {"thứ 6 tối", "2026-11-27 19:00"},
    {"thứ 5 tuần này", "2026-11-26 17:00"},
    {"thứ 4 tuần này", "!in_past"},
    // Weeks, week and month ends.
    {"tuần sau", "2026-11-30 17:00"},
    {"next week", "2026-11-30 17:00"},
    {"tuần sau", "2026-12-07 17:00", kDeadline, nullptr, "2026-11-30 09:00"},
    {"cuối tuần", "2026-11-27 17:00"},
    {"cuoi tuan", "2026-11-27 17:00"},
    {"cuối tuần", "2026-11-27 17:00", kDeadline, nullptr, "2026-11-27 10:00"},
    {"cuối tuần", "2026-12-04 17:00", kDeadline, nullptr, "2026-11-27 18:00"},
    {"cuối tuần", "2026-12-04 17:00", kDeadline, nullptr, "2026-11-28 10:00"},
    {"cuối tuần sau", "2026-12-04 17:00"},
    {"cuối tháng", "2026-11-30 17:00"},
    {"end of month", "2026-11-30 17:00"},
    {"end of the month", "2026-11-30 17:00"},
    {"cuối tháng", "2027-02-26 17:00", kDeadline, nullptr, "2027-02-10 10:00"},  // 28th: Sunday
    {"cuối tháng", "2027-02-28 08:00", kReminder, nullptr, "2027-02-10 10:00"},
    {"cuối tháng", "2028-02-29 17:00", kDeadline, nullptr, "2028-02-10 10:00"},
    {"cuối tháng", "2026-12-31 17:00", kDeadline, nullptr, "2026-12-31 10:00"},
    {"cuối tháng sau", "2026-12-31 17:00"},
    // N days ahead: a date, with the default or a given time.
    {"3 ngày nữa", "2026-11-29 17:00"},
    {"3 ngay nua", "2026-11-29 17:00"},
    {"sau 3 ngày", "2026-11-29 17:00"},
    {"in 3 days", "2026-11-29 17:00"},
    {"10 ngày nữa", "2027-01-07 17:00", kDeadline, nullptr, "2026-12-28 10:00"},
    {"3 ngày nữa 9h", "2026-11-29 09:00"},
    {"9h 3 ngày nữa", "2026-11-29 09:00"},
    {"3 ngày làm việc nữa", "2026-12-01 17:00"},
    {"in 2 working days", "2026-11-30 17:00"},
    {"2 tuần nữa", "2026-12-10 17:00"},
    // Clock times; a bare time already past today is tomorrow's.
    {"17h", "2026-11-26 17:00"},
    {"17H", "2026-11-26 17:00"},
    {"17h30", "2026-11-26 17:30"},
    {"17:30", "2026-11-26 17:30"},
    {"17h00", "2026-11-26 17:00"},
    {"9 giờ", "2026-11-27 09:00"},
    {"9 gio", "2026-11-27 09:00"},
    {"9 giờ 30", "2026-11-27 09:30"},
    {"9 giờ 30 phút", "2026-11-27 09:30"},
    {"9 giờ rưỡi", "2026-11-27 09:30"},
    {"9 gio ruoi", "2026-11-27 09:30"},
    {"9 giờ kém 15", "2026-11-27 08:45"},
    {"9g30", "2026-11-27 09:30"},
    {"5pm", "2026-11-26 17:00"},
    {"5 pm", "2026-11-26 17:00"},
    {"11am", "2026-11-26 11:00"},
    {"12pm", "2026-11-26 12:00"},
    {"12am", "2026-11-27 00:00"},
    {"8h", "2026-11-27 08:00"},
    {"10h", "2026-11-27 10:00"},
    {"10h01", "2026-11-26 10:01"},
    {"8h sáng", "2026-11-27 08:00"},
    {"8h sang", "2026-11-27 08:00"},
    {"2h chiều", "2026-11-26 14:00"},
    {"2h chieu", "2026-11-26 14:00"},
    {"14h", "2026-11-26 14:00"},
    {"2h", "2026-11-27 02:00"},
    {"7h tối", "2026-11-26 19:00"},
    {"8h tối", "2026-11-26 20:00"},
    {"12h trưa", "2026-11-26 12:00"},
    {"12h30 trưa", "2026-11-26 12:30"},
    {"12h đêm", "2026-11-27 00:00"},
    {"12h dem", "2026-11-27 00:00"},
    {"12h đêm", "2026-11-27 00:00", kDeadline, nullptr, "2026-11-26 23:30"},
    {"0h", "2026-11-27 00:00"},
    {"0h", "2026-11-28 00:00", kDeadline, nullptr, "2026-11-27 00:00"},
    {"12h đêm thứ 6", "2026-11-28 00:00"},
    {"0h thứ 6", "2026-11-27 00:00"},
    {"11h đêm", "2026-11-26 23:00"},
    {"midnight", "2026-11-27 00:00"},
    // Parts of the day.
    {"sáng", "2026-11-27 08:00"},
    {"trưa", "2026-11-26 12:00"},
    {"chiều", "2026-11-26 14:00"},
    {"tối", "2026-11-26 19:00"},
    {"đêm", "2026-11-26 22:00"},
    {"sáng mai", "2026-11-27 08:00"},
    {"sang mai", "2026-11-27 08:00"},
    {"chiều mai", "2026-11-27 14:00"},
    {"tối nay", "2026-11-26 19:00"},
    {"tonight", "2026-11-26 19:00"},
    {"tomorrow morning", "2026-11-27 08:00"},
    {"buổi chiều thứ 6", "2026-11-27 14:00"},
    // Date and time in either order, with "lúc"/"trước"/"at".
    {"8h sáng mai", "2026-11-27 08:00"},
    {"17h thứ 6", "2026-11-27 17:00"},
    {"thứ 6 17h", "2026-11-27 17:00"},
    {"17h ngày 4/12", "2026-12-04 17:00"},
    {"15/12 lúc 9h", "2026-12-15 09:00"},
    {"15/12 luc 9h", "2026-12-15 09:00"},
    {"15/12 lúc 9", "2026-12-15 09:00"},
    {"trước 17h thứ 6", "2026-11-27 17:00"},
    {"truoc 17h thu 6", "2026-11-27 17:00"},
    {"before 5pm friday", "2026-11-27 17:00"},
    {"by friday 5pm", "2026-11-27 17:00"},
    {"friday at 5pm", "2026-11-27 17:00"},
    {"thứ 6 lúc 9h", "2026-11-27 09:00"},
    {"thứ 6 tuần sau 17h", "2026-12-04 17:00"},
    {"9h thứ 2 tuần sau", "2026-11-30 09:00"},
    {"  thứ   6    17h  ", "2026-11-27 17:00"},
    {"hôm nay 17h", "2026-11-26 17:00"},
    {"hôm nay 9h", "!in_past"},
    {"mai 8h sáng", "2026-11-27 08:00"},
    {"trước 17h00 ngày 15/12/2026", "2026-12-15 17:00"},
    {"17h30 ngày 4/12", "2026-12-04 17:30"},
    {"chậm nhất ngày 15/12", "2026-12-15 17:00"},
    {"thứ 6 (27/11)", "2026-11-27 17:00"},
    {"15/12 (thứ 4)", "!weekday_mismatch"},
    {"Thứ Hai, 30/11/2026 09:00", "2026-11-30 09:00"},
    {"next monday 9am", "2026-11-30 09:00"},
    {"tomorrow 9am", "2026-11-27 09:00"},
    {"mai lúc 14:30", "2026-11-27 14:30"},
    // Diacritics, when typed, tell homographs apart: mốt (in two days) / một (one).
    {"mốt tối", "2026-11-28 19:00"},
    {"mot toi", "2026-11-28 19:00"},
    {"một tối", "!unreadable"},
    // NFD input (combining marks) reads like NFC.
    {"thu\u031b\u0301 6 tua\u0302\u0300n sau", "2026-12-04 17:00"},
    {"nga\u0300y mai", "2026-11-27 17:00"},
    // Exact relative times.
    {"30 phút nữa", "2026-11-26 10:30"},
    {"30 phut nua", "2026-11-26 10:30"},
    {"30p nữa", "2026-11-26 10:30"},
    {"in 30 minutes", "2026-11-26 10:30"},
    {"2 tiếng nữa", "2026-11-26 12:00"},
    {"2 giờ nữa", "2026-11-26 12:00"},
    {"2h nữa", "2026-11-26 12:00"},
    {"in 2 hours", "2026-11-26 12:00"},
    {"sau 2 tiếng", "2026-11-26 12:00"},
    {"1 tiếng 30 phút nữa", "2026-11-26 11:30"},
    {"1h30 nữa", "2026-11-26 11:30"},
    {"nửa tiếng nữa", "2026-11-26 10:30"},
    {"nua tieng nua", "2026-11-26 10:30"},
    {"in nữa giờ", "!unreadable"},
    {"một tiếng nữa", "2026-11-26 11:00"},
    {"in an hour", "2026-11-26 11:00"},
    {"20 tiếng nữa", "2026-11-27 06:00"},
    // Unreadable phrases: nothing is guessed.
    {"", "!empty"},
    {"   ", "!empty"},
    {"garbage", "!unreadable"},
    {"asap", "!unreadable"},
    {"thứ 6 abc", "!unreadable"},
    {"15/12 hoặc 16/12", "!unreadable"},
    {"thứ 8", "!unreadable"},
    {"lúc", "!unreadable"},
    {"17h 18h", "!unreadable"},
    {"mai thứ 6", "!unreadable"},
    {"30 phút nữa thứ 6", "!unreadable"},
    {"25h", "!unreadable"},
    {"17:3", "!unreadable"},
    {"13h sáng", "!unreadable"},
    {"13pm", "!unreadable"},
    {"15/12/202", "!unreadable"},
    {"15/12/0000", "!unreadable"},
    {"5 phút", "!unreadable"},
    // Recurrence is for reminders only.
    {"hàng ngày", "!recurrence_not_allowed"},
    {"every monday", "!recurrence_not_allowed"},
    {"8h hàng ngày", "!recurrence_not_allowed"},
    {"hàng ngày", "!recurrence_not_allowed", kReminder},
    // Reminders default to 08:00.
    {"mai", "2026-11-27 08:00", kReminder},
    {"15/12", "2026-12-15 08:00", kReminder},
    {"thứ 6", "2026-11-27 08:00", kReminder},
    {"3 ngày nữa", "2026-11-29 08:00", kReminder},
    {"hôm nay", "!in_past", kReminder},
    {"8h sáng mai", "2026-11-27 08:00", kReminder},
    {"17h", "2026-11-26 17:00", kReminder},
    // Recurring reminders: the first occurrence after now and the stored rule.
    {"hàng ngày", "2026-11-27 08:00", kRecurring, "FREQ=DAILY"},
    {"hằng ngày", "2026-11-27 08:00", kRecurring, "FREQ=DAILY"},
    {"mỗi ngày", "2026-11-27 08:00", kRecurring, "FREQ=DAILY"},
    {"every day", "2026-11-27 08:00", kRecurring, "FREQ=DAILY"},
    {"8h hàng ngày", "2026-11-27 08:00", kRecurring, "FREQ=DAILY"},
    {"hàng ngày 17h", "2026-11-26 17:00", kRecurring, "FREQ=DAILY"},
    {"every day at 9", "2026-11-27 09:00", kRecurring, "FREQ=DAILY"},
    {"ngày làm việc", "2026-11-27 08:00", kRecurring, "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR+skip"},
    {"mỗi ngày làm việc", "2026-11-27 08:00", kRecurring, "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR+skip"},
    {"every weekday 16:30", "2026-11-26 16:30", kRecurring,
     "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR+skip"},
    {"every weekday 9h", "2026-11-30 09:00", kRecurring, "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR+skip",
     "2026-11-27 10:00"},
    {"hàng tuần thứ 2", "2026-11-30 08:00", kRecurring, "FREQ=WEEKLY;BYDAY=MO"},
    {"mỗi thứ 2", "2026-11-30 08:00", kRecurring, "FREQ=WEEKLY;BYDAY=MO"},
    {"moi thu 2", "2026-11-30 08:00", kRecurring, "FREQ=WEEKLY;BYDAY=MO"},
    {"every monday", "2026-11-30 08:00", kRecurring, "FREQ=WEEKLY;BYDAY=MO"},
    {"mỗi thứ 2, thứ 4", "2026-11-30 08:00", kRecurring, "FREQ=WEEKLY;BYDAY=MO,WE"},
    {"mỗi thứ 2, 4, 6 lúc 9h", "2026-11-27 09:00", kRecurring, "FREQ=WEEKLY;BYDAY=MO,WE,FR"},
    {"every monday and wednesday at 5pm", "2026-11-30 17:00", kRecurring,
     "FREQ=WEEKLY;BYDAY=MO,WE"},
    {"thứ 5 hàng tuần 11h", "2026-11-26 11:00", kRecurring, "FREQ=WEEKLY;BYDAY=TH"},
    {"thứ 5 hàng tuần 9h", "2026-12-03 09:00", kRecurring, "FREQ=WEEKLY;BYDAY=TH"},
    {"mỗi sáng thứ 2", "2026-11-30 08:00", kRecurring, "FREQ=WEEKLY;BYDAY=MO"},
    {"T2, T4, T6 hàng tuần 8h", "2026-11-27 08:00", kRecurring, "FREQ=WEEKLY;BYDAY=MO,WE,FR"},
    {"every friday 4pm", "2026-11-27 16:00", kRecurring, "FREQ=WEEKLY;BYDAY=FR"},
    {"mỗi tối", "2026-11-26 19:00", kRecurring, "FREQ=DAILY"},
    {"hàng tháng ngày 5", "2026-12-05 08:00", kRecurring, "FREQ=MONTHLY;BYMONTHDAY=5"},
    {"every month on the 5th", "2026-12-05 08:00", kRecurring, "FREQ=MONTHLY;BYMONTHDAY=5"},
    {"ngày 5 hàng tháng", "2026-12-05 08:00", kRecurring, "FREQ=MONTHLY;BYMONTHDAY=5"},
    {"hàng tháng ngày 31", "2026-12-31 08:00", kRecurring, "FREQ=MONTHLY;BYMONTHDAY=31"},
    {"hàng tháng ngày 26 lúc 9h", "2026-12-26 09:00", kRecurring, "FREQ=MONTHLY;BYMONTHDAY=26"},
    {"mai", "2026-11-27 08:00", kRecurring},
    {"hàng tuần", "2026-12-03 08:00", kRecurring, "FREQ=WEEKLY;BYDAY=TH"},
    {"every day 15/12", "!unreadable", kRecurring},
    {"hàng tháng ngày 32", "!impossible_date", kRecurring},
    // Office phrases. Dates: dots, dashes, "mồng"/"mùng", a trailing "tới".
    {"15.12", "2026-12-15 17:00"},
    {"15-12", "2026-12-15 17:00"},
    {"17.30", "!unreadable"},
    {"mồng 5 tháng 12", "2026-12-05 17:00"},
    {"mong 5 thang 12", "2026-12-05 17:00"},
    {"ngày mùng 1 tháng 12", "2026-12-01 17:00"},
    {"ngay mung 1 thang 12", "2026-12-01 17:00"},
    {"mùng 5/12", "2026-12-05 17:00"},
    {"ngày 15/12 tới", "2026-12-15 17:00"},
    {"ngay 15/12 sap toi", "2026-12-15 17:00"},
    // Clock times in document style, also inside longer phrases.
    {"17 giờ 00", "2026-11-26 17:00"},
    {"17 gio 00", "2026-11-26 17:00"},
    {"8 giờ 15 phút", "2026-11-27 08:15"},
    {"8 gio 15 phut", "2026-11-27 08:15"},
    {"14 giờ 45", "2026-11-26 14:45"},
    {"14 gio 45", "2026-11-26 14:45"},
    {"trước 17 giờ 00 ngày 15/12/2026", "2026-12-15 17:00"},
    {"truoc 17 gio 00 ngay 15/12/2026", "2026-12-15 17:00"},
    {"8 giờ 30 ngày mai", "2026-11-27 08:30"},
    {"9h 3 ngày nữa", "2026-11-29 09:00"},
    // Ends and starts of periods: for a deadline, the period's last (first) working day.
    {"hết ngày 15/12", "2026-12-15 17:00"},
    {"het ngay 15/12", "2026-12-15 17:00"},
    {"cuối ngày", "2026-11-26 17:00"},
    {"cuoi ngay", "2026-11-26 17:00"},
    {"cuối ngày mai", "2026-11-27 17:00"},
    {"17h cuối ngày", "!unreadable"},
    {"trong tuần", "2026-11-27 17:00"},
    {"trong tuan", "2026-11-27 17:00"},
    {"đầu tuần", "2026-11-30 17:00"},
    {"dau tuan", "2026-11-30 17:00"},
    {"đầu tuần sau", "2026-11-30 17:00"},
    {"cuối tháng 12", "2026-12-31 17:00"},
    {"cuoi thang 12", "2026-12-31 17:00"},
    {"cuối tháng 12 lúc 9h", "2026-12-31 09:00"},
    {"đầu tháng", "2026-12-01 17:00"},
    {"đầu tháng 12", "2026-12-01 17:00"},
    {"dau thang 12", "2026-12-01 17:00"},
    {"đầu tháng 8", "2027-08-02 17:00"},  // 1/8/2027 is a Sunday
    {"đầu tháng 8", "2027-08-01 08:00", kReminder},
    {"tháng sau", "2026-12-01 17:00"},
    {"thang sau", "2026-12-01 17:00"},
    {"1 tháng nữa", "2026-12-26 17:00"},
    {"1 thang nua", "2026-12-26 17:00"},
    {"sau 2 tháng", "2027-01-26 17:00"},
    {"1 tháng nữa", "2027-02-28 17:00", kDeadline, nullptr, "2027-01-31 10:00"},
    {"cuối quý", "2026-12-31 17:00"},
    {"cuoi quy", "2026-12-31 17:00"},
    {"cuối quý", "2028-09-29 17:00", kDeadline, nullptr, "2028-08-01 10:00"},  // 30/9: Saturday
    {"cuối năm", "2026-12-31 17:00"},
    {"cuoi nam", "2026-12-31 17:00"},
    {"cuối năm sau", "2027-12-31 17:00"},
    {"end of year", "2026-12-31 17:00"},
    // Recurrence the office writes.
    {"hằng tuần", "2026-12-03 08:00", kRecurring, "FREQ=WEEKLY;BYDAY=TH"},
    {"hang tuan 9h", "2026-12-03 09:00", kRecurring, "FREQ=WEEKLY;BYDAY=TH"},
    {"hàng quý", "2027-02-26 08:00", kRecurring, "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=26"},
    {"hang quy", "2027-02-26 08:00", kRecurring, "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=26"},
    {"hàng quý ngày 5", "2027-02-05 08:00", kRecurring, "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=5"},
    {"hàng năm 1/1", "2027-01-01 08:00", kRecurring, "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1"},
    {"hang nam 1/1", "2027-01-01 08:00", kRecurring, "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1"},
    {"hàng năm 30/2", "!impossible_date", kRecurring},
    {"cuối mỗi tháng", "2026-11-30 08:00", kRecurring, "FREQ=MONTHLY;BYMONTHDAY=-1"},
    {"cuoi moi thang 16h", "2026-11-30 16:00", kRecurring, "FREQ=MONTHLY;BYMONTHDAY=-1"},
    {"cuối mỗi tháng", "2026-11-30 17:00"},
    {"cuối mỗi tháng", "2027-02-26 17:00", kDeadline, nullptr, "2027-02-10 10:00"},
    {"8h các ngày trong tuần", "2026-11-27 08:00", kRecurring,
     "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR+skip"},
    {"8h cac ngay trong tuan", "2026-11-27 08:00", kRecurring,
     "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR+skip"},
    // A weekday that contradicts its date.
    {"thứ 5 ngày 4/12", "!weekday_mismatch"},
    {"thu 5 ngay 4/12", "!weekday_mismatch"},
    {"thứ 6 ngày 4/12", "2026-12-04 17:00"},
};

class WhenParserCases : public ::testing::TestWithParam<Case> {
 protected:
  Calendar cal_ = Calendar::make("Asia/Ho_Chi_Minh");
};

TEST_P(WhenParserCases, ReadsPhrase) {
  const Case& c = GetParam();
  Options opt;
  opt.purpose = c.mode == kDeadline ? Purpose::deadline : Purpose::reminder;
  opt.allow_recurrence = c.mode == kRecurring;
  const auto result = wgbot::timeexpr::parse_when(c.phrase, local_time(cal_, c.now), cal_, opt);
  if (const auto* error = std::get_if<WhenError>(&result)) {
    EXPECT_EQ(kind_name(error->kind), std::string(c.expect));
    return;
  }
  const When& when = std::get<When>(result);
  EXPECT_EQ(show(cal_, when.at), c.expect);
  std::string rrule;
  if (when.recurrence) {
    rrule = when.recurrence->rrule + (when.recurrence->skip_holidays ? "+skip" : "");
  }
  EXPECT_EQ(rrule, c.rrule == nullptr ? "" : c.rrule);
}

INSTANTIATE_TEST_SUITE_P(Table, WhenParserCases, ::testing::ValuesIn(kCases));

class WhenParser : public ::testing::Test {
 protected:
  Calendar cal_ = Calendar::make("Asia/Ho_Chi_Minh");
  std::chrono::sys_seconds now_ = local_time(cal_, kNow);
};

TEST_F(WhenParser, RelativeTimesAreExact) {
  const auto now = local_time(cal_, "2026-11-26 10:00:17");
  const auto r = wgbot::timeexpr::parse_when("30 phút nữa", now, cal_, Options{});
  ASSERT_TRUE(std::holds_alternative<When>(r));
  EXPECT_EQ(std::get<When>(r).at, now + 30min);
}

TEST_F(WhenParser, ErrorQuotesTheTrimmedPhrase) {
  const auto r = wgbot::timeexpr::parse_when("  thứ 6 abc ", now_, cal_, Options{});
  ASSERT_TRUE(std::holds_alternative<WhenError>(r));
  EXPECT_EQ(std::get<WhenError>(r).phrase, "thứ 6 abc");
}

TEST_F(WhenParser, ConfiguredDefaultTimes) {
  Options opt;
  opt.default_deadline_time = 16h + 30min;
  auto r = wgbot::timeexpr::parse_when("mai", now_, cal_, opt);
  EXPECT_EQ(show(cal_, std::get<When>(r).at), "2026-11-27 16:30");
  opt.purpose = Purpose::reminder;
  opt.default_reminder_time = 7h;
  r = wgbot::timeexpr::parse_when("mai", now_, cal_, opt);
  EXPECT_EQ(show(cal_, std::get<When>(r).at), "2026-11-27 07:00");
}

TEST_F(WhenParser, WorkdayRuleSkipsHolidayForFirstOccurrence) {
  cal_.holidays.insert(date::sys_days{date::year{2026} / 11 / 27});
  Options opt{.purpose = Purpose::reminder, .allow_recurrence = true};
  const auto r = wgbot::timeexpr::parse_when("every weekday 9h", now_, cal_, opt);
  EXPECT_EQ(show(cal_, std::get<When>(r).at), "2026-11-30 09:00");
}

TEST_F(WhenParser, ZoneCorrectOutsideHanoi) {
  const auto berlin = Calendar::make("Europe/Berlin");
  // Saturday 2026-03-28 12:00 CET; "mai 9h" is Sunday after the switch to CEST (+02:00).
  const auto now = local_time(berlin, "2026-03-28 12:00");
  const auto r = wgbot::timeexpr::parse_when("mai 9h", now, berlin, Options{});
  const auto at = std::get<When>(r).at;
  EXPECT_EQ(show(berlin, at), "2026-03-29 09:00");
  EXPECT_EQ(date::format("%F %H:%M", at), "2026-03-29 07:00");
}

// ---- split_deadline ----

class DeadlineSplitTest : public WhenParser {
 protected:
  wgbot::timeexpr::DeadlineSplit split(std::string_view text) {
    return wgbot::timeexpr::split_deadline(text, now_, cal_, Options{});
  }
};

TEST_F(DeadlineSplitTest, TitleContainingTheKeyword) {
  const auto s = split("Gia hạn hợp đồng máy chủ hạn 15/12");
  EXPECT_EQ(s.title, "Gia hạn hợp đồng máy chủ");
  ASSERT_TRUE(s.deadline);
  EXPECT_EQ(show(cal_, s.deadline->at), "2026-12-15 17:00");
  EXPECT_FALSE(s.error);
}

TEST_F(DeadlineSplitTest, WeekdayNextWeekWithTime) {
  const auto s = split("Dự thảo Quy chế hoạt động của Ban Chỉ đạo hạn thứ 6 tuần sau 17h");
  EXPECT_EQ(s.title, "Dự thảo Quy chế hoạt động của Ban Chỉ đạo");
  ASSERT_TRUE(s.deadline);
  EXPECT_EQ(show(cal_, s.deadline->at), "2026-12-04 17:00");
}

TEST_F(DeadlineSplitTest, EnglishDue) {
  const auto s = split("Draft the operating rules due friday 5pm");
  EXPECT_EQ(s.title, "Draft the operating rules");
  ASSERT_TRUE(s.deadline);
  EXPECT_EQ(show(cal_, s.deadline->at), "2026-11-27 17:00");
}

TEST_F(DeadlineSplitTest, KeywordWithoutDiacriticsOrCase) {
  const auto s = split("Bao cao tong hop HAN mai");
  EXPECT_EQ(s.title, "Bao cao tong hop");
  ASSERT_TRUE(s.deadline);
  EXPECT_EQ(show(cal_, s.deadline->at), "2026-11-27 17:00");
}

TEST_F(DeadlineSplitTest, IntroWordsAndSeparators) {
  const auto s = split("Báo cáo quý IV, hạn chót: 15/12 lúc 9h");
  EXPECT_EQ(s.title, "Báo cáo quý IV");
  ASSERT_TRUE(s.deadline);
  EXPECT_EQ(show(cal_, s.deadline->at), "2026-12-15 09:00");
}

TEST_F(DeadlineSplitTest, NoKeyword) {
  const auto s = split("Chuẩn bị hội nghị sơ kết");
  EXPECT_EQ(s.title, "Chuẩn bị hội nghị sơ kết");
  EXPECT_FALSE(s.deadline);
  EXPECT_FALSE(s.error);
}

TEST_F(DeadlineSplitTest, KeywordInsideTitleOnly) {
  for (const char* text : {"Gia hạn hợp đồng máy chủ", "Hạn chế truy cập từ ngoài",
                           "Rà soát thời hạn 2 văn bản", "Xem xét gia hạn"}) {
    const auto s = split(text);
    EXPECT_EQ(s.title, text);
    EXPECT_FALSE(s.deadline) << text;
    EXPECT_FALSE(s.error) << text;
  }
}

TEST_F(DeadlineSplitTest, AttemptedDeadlineIsAnError) {
  auto s = split("Báo cáo hạn 31/2");
  EXPECT_EQ(s.title, "Báo cáo hạn 31/2");
  EXPECT_FALSE(s.deadline);
  ASSERT_TRUE(s.error);
  EXPECT_EQ(s.error->kind, ErrorKind::impossible_date);
  EXPECT_EQ(s.error->phrase, "31/2");

  s = split("Gia hạn hợp đồng hạn thứ 6 tuần sau nữa");
  ASSERT_TRUE(s.error);
  EXPECT_EQ(s.error->kind, ErrorKind::unreadable);
  EXPECT_EQ(s.error->phrase, "thứ 6 tuần sau nữa");

  s = split("Nộp báo cáo hạn 15/11");
  ASSERT_TRUE(s.error);
  EXPECT_EQ(s.error->kind, ErrorKind::needs_year);
}

TEST_F(DeadlineSplitTest, LastParsableKeywordWins) {
  const auto s = split("Báo cáo hạn mức tín dụng hạn 4/12");
  EXPECT_EQ(s.title, "Báo cáo hạn mức tín dụng");
  ASSERT_TRUE(s.deadline);
  EXPECT_EQ(show(cal_, s.deadline->at), "2026-12-04 17:00");
}

TEST_F(DeadlineSplitTest, OfficeDeadlineWords) {
  struct Case {
    const char* text;
    const char* title;
    const char* due;
  };
  for (const Case& c : {
           Case{"Báo cáo kết quả triển khai trước 30/12", "Báo cáo kết quả triển khai",
                "2026-12-30 17:00"},
           Case{"Bao cao ket qua truoc 30/12", "Bao cao ket qua", "2026-12-30 17:00"},
           Case{"Gửi dự thảo chậm nhất thứ 6 tuần sau", "Gửi dự thảo", "2026-12-04 17:00"},
           Case{"Gui du thao cham nhat ngay 15/12", "Gui du thao", "2026-12-15 17:00"},
           Case{"Tổng hợp ý kiến, hạn chót 15/12", "Tổng hợp ý kiến", "2026-12-15 17:00"},
           Case{"Tong hop y kien han chot 15/12", "Tong hop y kien", "2026-12-15 17:00"},
           Case{"Rà soát trước khi ban hành trước 17 giờ 00 ngày 15/12/2026",
                "Rà soát trước khi ban hành", "2026-12-15 17:00"},
           Case{"Report on sales by friday", "Report on sales", "2026-11-27 17:00"},
       }) {
    const auto s = split(c.text);
    EXPECT_EQ(s.title, c.title) << c.text;
    ASSERT_TRUE(s.deadline) << c.text;
    EXPECT_EQ(show(cal_, s.deadline->at), c.due) << c.text;
  }
  // A "trước" that does not start a time stays in the title.
  const auto s = split("Chuẩn bị trước 2 phương án");
  EXPECT_EQ(s.title, "Chuẩn bị trước 2 phương án");
  EXPECT_FALSE(s.deadline);
  EXPECT_FALSE(s.error);
}

// ---- split_reminder ----

TEST_F(WhenParser, ReminderWithoutColonEndsWithItsTime) {
  Options opt;
  opt.purpose = Purpose::reminder;
  auto s =
      wgbot::timeexpr::split_reminder_trailing("họp giao ban lúc 8h sáng mai", now_, cal_, opt);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->text, "họp giao ban");
  EXPECT_EQ(s->when, "lúc 8h sáng mai");
  s = wgbot::timeexpr::split_reminder_trailing("gọi lại cho Sở vao 15/12 luc 9h", now_, cal_, opt);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->text, "gọi lại cho Sở");
  EXPECT_EQ(s->when, "vao 15/12 luc 9h");
  EXPECT_FALSE(wgbot::timeexpr::split_reminder_trailing("họp giao ban", now_, cal_, opt));
  EXPECT_FALSE(wgbot::timeexpr::split_reminder_trailing("họp lúc nào đó", now_, cal_, opt));
  EXPECT_FALSE(wgbot::timeexpr::split_reminder_trailing("lúc 8h sáng mai", now_, cal_, opt));
}

TEST_F(WhenParser, WeekdayMismatchNamesTheDate) {
  const auto r = wgbot::timeexpr::parse_when("thứ 5 ngày 4/12", now_, cal_, Options{});
  ASSERT_TRUE(std::holds_alternative<WhenError>(r));
  const auto& e = std::get<WhenError>(r);
  EXPECT_EQ(e.kind, ErrorKind::weekday_mismatch);
  ASSERT_TRUE(e.day);
  EXPECT_EQ(date::year_month_day(*e.day), date::year{2026} / 12 / 4);
}

TEST(ReminderSplitTest, WhenEndsAtFirstColonOutsideDigits) {
  auto s = wgbot::timeexpr::split_reminder("8h sáng mai: họp giao ban");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->when, "8h sáng mai");
  EXPECT_EQ(s->text, "họp giao ban");

  s = wgbot::timeexpr::split_reminder("every weekday 16:30: cập nhật tiến độ");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->when, "every weekday 16:30");
  EXPECT_EQ(s->text, "cập nhật tiến độ");

  s = wgbot::timeexpr::split_reminder("mai 9:00 : gửi báo cáo: bản cuối");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->when, "mai 9:00");
  EXPECT_EQ(s->text, "gửi báo cáo: bản cuối");
}

TEST(ReminderSplitTest, NoSeparator) {
  EXPECT_FALSE(wgbot::timeexpr::split_reminder("8h sáng mai họp giao ban"));
  EXPECT_FALSE(wgbot::timeexpr::split_reminder("16:30"));
  const auto s = wgbot::timeexpr::split_reminder("mai:");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->when, "mai");
  EXPECT_EQ(s->text, "");
}

// ---- durations (/snooze) ----

TEST(DurationParse, Accepted) {
  using wgbot::timeexpr::parse_duration;
  const std::pair<const char*, std::chrono::minutes> cases[] = {
      {"30 phút", 30min},  {"30p", 30min},          {"30 phut", 30min},    {"2h", 2h},
      {"2 giờ", 2h},       {"2 tiếng", 2h},         {"1 tiếng", 1h},       {"1 ngày", 24h},
      {"1d", 24h},         {"90m", 90min},          {"90 minutes", 90min}, {"in 2 hours", 2h},
      {"1h30", 90min},     {"1 tiếng rưỡi", 90min}, {"nửa tiếng", 30min},  {"an hour", 1h},
      {"2 tiếng nữa", 2h}, {"1 tuần", 7 * 24h},     {"2 TIẾNG", 2h},       {"1 hour 15 min", 75min},
  };
  for (const auto& [text, expected] : cases) {
    const auto d = parse_duration(text);
    ASSERT_TRUE(d) << text;
    EXPECT_EQ(*d, expected) << text;
  }
}

TEST(DurationParse, Rejected) {
  for (const char* text :
       {"", "30", "abc", "0 phút", "2 tiếng abc", "mai", "400 ngày", "2 ngày làm việc"}) {
    EXPECT_FALSE(wgbot::timeexpr::parse_duration(text)) << text;
  }
}

}  // namespace
