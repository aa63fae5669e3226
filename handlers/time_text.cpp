#include "handlers/time_text.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <array>
#include <sstream>

namespace wgbot {

namespace {

constexpr std::array<Msg, 7> kWeekdays = {Msg::weekday_sun, Msg::weekday_mon, Msg::weekday_tue,
                                          Msg::weekday_wed, Msg::weekday_thu, Msg::weekday_fri,
                                          Msg::weekday_sat};

Msg error_key(timeexpr::ErrorKind kind) {
  switch (kind) {
    case timeexpr::ErrorKind::empty:
      return Msg::when_error_empty;
    case timeexpr::ErrorKind::unreadable:
      return Msg::when_error_unreadable;
    case timeexpr::ErrorKind::in_past:
      return Msg::when_error_in_past;
    case timeexpr::ErrorKind::impossible_date:
      return Msg::when_error_impossible_date;
    case timeexpr::ErrorKind::needs_year:
      return Msg::when_error_needs_year;
    case timeexpr::ErrorKind::recurrence_not_allowed:
      return Msg::when_error_recurrence_not_allowed;
  }
  return Msg::when_error_unreadable;
}

}  // namespace

timeexpr::Calendar calendar_from(const Config& config) {
  auto cal = timeexpr::Calendar::make(config.timezone);
  cal.workdays.fill(false);
  for (int d : config.schedule.workdays) cal.workdays.at(static_cast<std::size_t>(d)) = true;
  for (const auto& text : config.schedule.holidays) {
    std::istringstream in(text);
    date::year_month_day ymd{};
    in >> date::parse("%F", ymd);
    if (!in.fail() && ymd.ok()) cal.holidays.insert(date::sys_days(ymd));
  }
  return cal;
}

std::string format_datetime(Lang lang, std::chrono::sys_seconds at, const timeexpr::Calendar& cal) {
  const auto local = cal.to_local(at);
  const auto day = date::floor<date::days>(local);
  const date::year_month_day ymd(day);
  const date::hh_mm_ss tod(local - day);
  const date::weekday wd(day);
  return fmt::format(
      fmt::runtime(text(lang, Msg::datetime_format)),
      fmt::arg("time", fmt::format("{:02}:{:02}", tod.hours().count(), tod.minutes().count())),
      fmt::arg("weekday", text(lang, kWeekdays.at(wd.c_encoding()))),
      fmt::arg("date",
               fmt::format("{:02}/{:02}/{:04}", static_cast<unsigned>(ymd.day()),
                           static_cast<unsigned>(ymd.month()), static_cast<int>(ymd.year()))));
}

std::string describe_when_error(Lang lang, const timeexpr::WhenError& error,
                                timeexpr::Purpose purpose) {
  const Msg example = purpose == timeexpr::Purpose::reminder ? Msg::when_example_reminder
                                                             : Msg::when_example_deadline;
  return fmt::format(fmt::runtime(text(lang, error_key(error.kind))),
                     fmt::arg("phrase", error.phrase), fmt::arg("example", text(lang, example)));
}

timeexpr::Options when_options(const Config& config, timeexpr::Purpose purpose) {
  timeexpr::Options opt;
  opt.purpose = purpose;
  opt.default_deadline_time = config.schedule.default_deadline_time;
  opt.default_reminder_time = config.schedule.default_reminder_time;
  opt.allow_recurrence = purpose == timeexpr::Purpose::reminder;
  return opt;
}

}  // namespace wgbot
