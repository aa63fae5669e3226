// RRULE subset and next_occurrence: fixed local time of day, skipped months and holidays.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "handlers/time/recurrence.hpp"

namespace {

using wgbot::timeexpr::Calendar;
using wgbot::timeexpr::next_occurrence;
using wgbot::timeexpr::Recurrence;
using namespace std::chrono_literals;

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
  return date::format("%Y-%m-%d %H:%M %a", date::floor<std::chrono::minutes>(cal.to_local(t)));
}

// Every occurrence in [start, end).
std::vector<std::chrono::sys_seconds> occurrences(const Recurrence& rule,
                                                  std::chrono::sys_seconds start,
                                                  std::chrono::sys_seconds end,
                                                  const Calendar& cal) {
  std::vector<std::chrono::sys_seconds> out;
  auto after = start - 1s;
  while (auto t = next_occurrence(rule, start, after, cal)) {
    if (*t >= end) break;
    out.push_back(*t);
    after = *t;
  }
  return out;
}

TEST(RecurrenceRule, Validity) {
  for (const char* ok :
       {"FREQ=DAILY", "FREQ=WEEKLY;BYDAY=MO", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        "FREQ=MONTHLY;BYMONTHDAY=5", "FREQ=MONTHLY;BYMONTHDAY=31", "BYDAY=SU;FREQ=WEEKLY",
        "freq=weekly;byday=mo", "FREQ=WEEKLY", "FREQ=DAILY;BYDAY=SA,SU", "FREQ=YEARLY",
        "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1", "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=26",
        "FREQ=MONTHLY;BYMONTHDAY=-1"}) {
    EXPECT_TRUE(wgbot::timeexpr::is_valid_rrule(ok)) << ok;
  }
  for (const char* bad : {"",
                          "FREQ=HOURLY",
                          "FREQ=WEEKLY;BYDAY=XX",
                          "FREQ=MONTHLY;BYMONTHDAY=0",
                          "FREQ=MONTHLY;BYMONTHDAY=-2",
                          "FREQ=YEARLY;BYMONTH=13",
                          "FREQ=WEEKLY;BYMONTH=1",
                          "FREQ=WEEKLY;INTERVAL=3",
                          "FREQ=MONTHLY;INTERVAL=0",
                          "FREQ=YEARLY;BYDAY=MO",
                          "FREQ=MONTHLY;BYMONTHDAY=32",
                          "FREQ=MONTHLY;BYMONTHDAY=5x",
                          "BYDAY=MO",
                          "FREQ=DAILY;FREQ=WEEKLY",
                          "FREQ=WEEKLY;BYDAY=MO,MO",
                          "FREQ=WEEKLY;;BYDAY=MO",
                          "FREQ=WEEKLY;BYMONTHDAY=5",
                          "FREQ=MONTHLY;BYDAY=MO",
                          "FREQ=DAILY;INTERVAL=2",
                          "FREQ=WEEKLY;BYDAY="}) {
    EXPECT_FALSE(wgbot::timeexpr::is_valid_rrule(bad)) << bad;
  }
}

TEST(RecurrenceRule, FormatIsCanonical) {
  const auto rule = wgbot::timeexpr::parse_rrule("byday=su,fr,mo;freq=weekly");
  ASSERT_TRUE(rule);
  EXPECT_EQ(wgbot::timeexpr::format_rrule(*rule), "FREQ=WEEKLY;BYDAY=MO,FR,SU");
  EXPECT_EQ(
      wgbot::timeexpr::format_rrule(*wgbot::timeexpr::parse_rrule("FREQ=MONTHLY;BYMONTHDAY=5")),
      "FREQ=MONTHLY;BYMONTHDAY=5");
}

TEST(RecurrenceNext, WeeklyOverAYearKeepsLocalTime) {
  const auto cal = Calendar::make("Asia/Ho_Chi_Minh");
  const auto start = local_time(cal, "2026-01-05 09:00");  // a Monday
  const auto end = local_time(cal, "2027-01-01 00:00");
  const auto all = occurrences({"FREQ=WEEKLY;BYDAY=MO"}, start, end, cal);
  ASSERT_EQ(all.size(), 52u);
  EXPECT_EQ(all.front(), start);
  for (const auto t : all) EXPECT_EQ(show(cal, t).substr(11), "09:00 Mon");
  EXPECT_EQ(show(cal, all.back()), "2026-12-28 09:00 Mon");
}

TEST(RecurrenceNext, WeeklyDoesNotDriftAcrossDst) {
  const auto cal = Calendar::make("Europe/Berlin");
  const auto start = local_time(cal, "2026-01-05 09:00");
  const auto end = local_time(cal, "2027-01-01 00:00");
  const auto all = occurrences({"FREQ=WEEKLY;BYDAY=MO"}, start, end, cal);
  ASSERT_EQ(all.size(), 52u);
  int summer = 0;
  for (const auto t : all) {
    EXPECT_EQ(show(cal, t).substr(11), "09:00 Mon");
    if (date::format("%H:%M", t) == "07:00") ++summer;  // CEST, else 08:00Z in CET
  }
  EXPECT_GT(summer, 20);
  EXPECT_LT(summer, 52);
}

TEST(RecurrenceNext, MonthlyOn31SkipsShortMonths) {
  const auto cal = Calendar::make("Asia/Ho_Chi_Minh");
  const auto start = local_time(cal, "2026-01-31 08:00");
  const auto all =
      occurrences({"FREQ=MONTHLY;BYMONTHDAY=31"}, start, local_time(cal, "2027-01-01 00:00"), cal);
  std::vector<std::string> shown;
  for (const auto t : all) shown.push_back(show(cal, t).substr(0, 10));
  EXPECT_EQ(shown, (std::vector<std::string>{"2026-01-31", "2026-03-31", "2026-05-31", "2026-07-31",
                                             "2026-08-31", "2026-10-31", "2026-12-31"}));
}

TEST(RecurrenceNext, QuarterlyYearlyAndMonthEnd) {
  const auto cal = Calendar::make("Asia/Ho_Chi_Minh");
  const auto start = local_time(cal, "2026-11-26 08:00");
  const auto end = local_time(cal, "2028-01-01 00:00");
  auto dates = [&](const char* rrule) {
    std::vector<std::string> shown;
    for (const auto t : occurrences({rrule}, start, end, cal)) {
      shown.push_back(show(cal, t).substr(0, 10));
    }
    return shown;
  };
  EXPECT_EQ(dates("FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=26"),
            (std::vector<std::string>{"2026-11-26", "2027-02-26", "2027-05-26", "2027-08-26",
                                      "2027-11-26"}));
  EXPECT_EQ(dates("FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1"), (std::vector<std::string>{"2027-01-01"}));
  const auto month_ends = dates("FREQ=MONTHLY;BYMONTHDAY=-1");
  ASSERT_GE(month_ends.size(), 4U);
  EXPECT_EQ(month_ends[0], "2026-11-30");
  EXPECT_EQ(month_ends[3], "2027-02-28");
  EXPECT_EQ(wgbot::timeexpr::format_rrule(
                *wgbot::timeexpr::parse_rrule("bymonthday=1;bymonth=1;freq=yearly")),
            "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1");
}

TEST(RecurrenceNext, MonthlyOn29InFebruary) {
  const auto cal = Calendar::make("Asia/Ho_Chi_Minh");
  const auto start = local_time(cal, "2027-01-29 08:00");
  const Recurrence rule{"FREQ=MONTHLY;BYMONTHDAY=29"};
  auto t = next_occurrence(rule, start, local_time(cal, "2027-01-30 00:00"), cal);
  EXPECT_EQ(show(cal, *t), "2027-03-29 08:00 Mon");
  t = next_occurrence(rule, start, local_time(cal, "2028-01-30 00:00"), cal);
  EXPECT_EQ(show(cal, *t), "2028-02-29 08:00 Tue");
}

TEST(RecurrenceNext, WeekdayRuleSkipsHolidays) {
  auto cal = Calendar::make("Asia/Ho_Chi_Minh");
  cal.holidays.insert(date::sys_days{date::year{2026} / 12 / 1});
  const auto start = local_time(cal, "2026-11-30 16:30");  // Monday
  Recurrence rule{"FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", true};
  auto t = next_occurrence(rule, start, start, cal);
  EXPECT_EQ(show(cal, *t), "2026-12-02 16:30 Wed");
  t = next_occurrence(rule, start, local_time(cal, "2026-12-04 17:00"), cal);
  EXPECT_EQ(show(cal, *t), "2026-12-07 16:30 Mon");
  rule.skip_holidays = false;
  t = next_occurrence(rule, start, start, cal);
  EXPECT_EQ(show(cal, *t), "2026-12-01 16:30 Tue");
}

TEST(RecurrenceNext, SkipHolidaysAlsoSkipsNonWorkingDays) {
  auto cal = Calendar::make("Asia/Ho_Chi_Minh");
  const auto start = local_time(cal, "2026-11-27 08:00");  // Friday
  const auto t = next_occurrence({"FREQ=DAILY", true}, start, start, cal);
  EXPECT_EQ(show(cal, *t), "2026-11-30 08:00 Mon");
}

TEST(RecurrenceNext, Daily) {
  const auto cal = Calendar::make("Asia/Ho_Chi_Minh");
  const auto start = local_time(cal, "2026-11-26 08:00");
  const Recurrence rule{"FREQ=DAILY"};
  EXPECT_EQ(next_occurrence(rule, start, start - 1s, cal), start);
  EXPECT_EQ(show(cal, *next_occurrence(rule, start, start, cal)), "2026-11-27 08:00 Fri");
  EXPECT_EQ(show(cal, *next_occurrence(rule, start, local_time(cal, "2026-12-31 09:00"), cal)),
            "2027-01-01 08:00 Fri");
  EXPECT_EQ(occurrences(rule, start, start + date::days{365}, cal).size(), 365u);
}

TEST(RecurrenceNext, DailyThroughDstGapComesBack) {
  const auto cal = Calendar::make("Europe/Berlin");
  const auto start = local_time(cal, "2026-03-27 02:30");
  const auto all = occurrences({"FREQ=DAILY"}, start, local_time(cal, "2026-03-31 00:00"), cal);
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(show(cal, all[1]), "2026-03-28 02:30 Sat");
  EXPECT_EQ(show(cal, all[2]), "2026-03-29 03:30 Sun");  // 02:30 does not exist that night
  EXPECT_EQ(show(cal, all[3]), "2026-03-30 02:30 Mon");
}

TEST(RecurrenceNext, StartNotMatchingTheRule) {
  const auto cal = Calendar::make("Asia/Ho_Chi_Minh");
  const auto start = local_time(cal, "2026-11-26 09:00");  // Thursday
  const auto t = next_occurrence({"FREQ=WEEKLY;BYDAY=MO"}, start, start - 1s, cal);
  EXPECT_EQ(show(cal, *t), "2026-11-30 09:00 Mon");
  const auto w = next_occurrence({"FREQ=WEEKLY"}, start, start, cal);  // start's weekday
  EXPECT_EQ(show(cal, *w), "2026-12-03 09:00 Thu");
}

TEST(RecurrenceNext, NothingToFind) {
  auto cal = Calendar::make("Asia/Ho_Chi_Minh");
  const auto start = local_time(cal, "2026-11-26 09:00");
  EXPECT_FALSE(next_occurrence({"FREQ=HOURLY"}, start, start, cal));
  cal.workdays = {};
  EXPECT_FALSE(next_occurrence({"FREQ=DAILY", true}, start, start, cal));
}

}  // namespace
