#include "handlers/reminder_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace wgbot {

namespace {

constexpr std::array<Msg, 7> kWeekdays = {Msg::weekday_sun, Msg::weekday_mon, Msg::weekday_tue,
                                          Msg::weekday_wed, Msg::weekday_thu, Msg::weekday_fri,
                                          Msg::weekday_sat};

// "thứ Hai, thứ Năm", Monday first as people read a week.
std::string weekday_list(Lang lang, const std::array<bool, 7>& days) {
  std::string out;
  for (unsigned i = 1; i <= 7; ++i) {
    if (!days.at(i % 7)) continue;
    if (!out.empty()) out += ", ";
    out += text(lang, kWeekdays.at(i % 7));
  }
  return out;
}

}  // namespace

std::string format_time_of_day(std::chrono::sys_seconds t, const timeexpr::Calendar& cal) {
  const auto local = cal.to_local(t);
  const date::hh_mm_ss tod(local - date::floor<date::days>(local));
  return fmt::format("{:02}:{:02}", tod.hours().count(), tod.minutes().count());
}

std::string describe_rule(Lang lang, const timeexpr::Recurrence& rule,
                          std::chrono::sys_seconds start, const timeexpr::Calendar& cal) {
  const auto parsed = timeexpr::parse_rrule(rule.rrule);
  if (!parsed) return rule.rrule;
  const std::string time = format_time_of_day(start, cal);
  const bool any_day =
      std::any_of(parsed->by_day.begin(), parsed->by_day.end(), [](bool b) { return b; });
  switch (parsed->freq) {
    case timeexpr::RRule::Freq::monthly:
    case timeexpr::RRule::Freq::yearly: {
      const date::year_month_day first(cal.local_day(start));
      if (parsed->by_month_day < 0) return tr(lang, Msg::rule_month_end, time);
      const int day = parsed->by_month_day != 0
                          ? parsed->by_month_day
                          : static_cast<int>(static_cast<unsigned>(first.day()));
      if (parsed->freq == timeexpr::RRule::Freq::yearly) {
        const int month = parsed->by_month != 0
                              ? parsed->by_month
                              : static_cast<int>(static_cast<unsigned>(first.month()));
        return tr(lang, Msg::rule_yearly, fmt::format("{:02}/{:02}", day, month), time);
      }
      if (parsed->interval == 3) return tr(lang, Msg::rule_quarterly, day, time);
      if (parsed->interval != 1) return rule.rrule;
      return tr(lang, Msg::rule_monthly, day, time);
    }
    case timeexpr::RRule::Freq::daily:
      if (!any_day) return tr(lang, Msg::rule_daily, time);
      [[fallthrough]];
    case timeexpr::RRule::Freq::weekly: {
      if (rule.skip_holidays && parsed->by_day == cal.workdays) {
        return tr(lang, Msg::rule_workdays, time);
      }
      auto days = parsed->by_day;
      if (!any_day) days.at(date::weekday(cal.local_day(start)).c_encoding()) = true;
      return tr(lang, Msg::rule_weekly, weekday_list(lang, days), time);
    }
  }
  return rule.rrule;
}

}  // namespace wgbot
