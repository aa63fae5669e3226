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
    case timeexpr::ErrorKind::weekday_mismatch:
      return Msg::when_error_weekday_mismatch;
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
                                timeexpr::Purpose purpose, std::string_view example) {
  if (example.empty()) {
    example = text(lang, purpose == timeexpr::Purpose::reminder ? Msg::when_example_reminder
                                                                : Msg::when_example_deadline);
  }
  std::string day_text;
  std::string_view weekday;
  if (error.day) {
    const date::year_month_day ymd(*error.day);
    day_text = fmt::format("{:02}/{:02}/{:04}", static_cast<unsigned>(ymd.day()),
                           static_cast<unsigned>(ymd.month()), static_cast<int>(ymd.year()));
    weekday = text(lang, kWeekdays.at(date::weekday(*error.day).c_encoding()));
  }
  return fmt::format(fmt::runtime(text(lang, error_key(error.kind))),
                     fmt::arg("phrase", error.phrase), fmt::arg("example", example),
                     fmt::arg("date", day_text), fmt::arg("weekday", weekday));
}

std::string off_day_warning(Lang lang, std::chrono::sys_seconds due, const timeexpr::Calendar& cal,
                            std::int64_t task_id) {
  const auto day = cal.local_day(due);
  if (cal.is_working_day(day)) return {};
  const auto previous = cal.add_working_days(day, -1);
  if (previous == day) return {};  // a calendar without working days
  const auto local = cal.to_local(due);
  const std::chrono::seconds tod = local - date::floor<date::days>(local);
  const auto suggested = cal.at(previous, tod);
  const date::year_month_day ymd(previous);
  const date::hh_mm_ss hms(tod);
  const std::string command_when =
      fmt::format("{:02}/{:02}/{:04} {:02}:{:02}", static_cast<unsigned>(ymd.day()),
                  static_cast<unsigned>(ymd.month()), static_cast<int>(ymd.year()),
                  hms.hours().count(), hms.minutes().count());
  const bool weekend = !cal.workdays.at(date::weekday(day).c_encoding());
  return tr(lang, weekend ? Msg::due_off_day : Msg::due_holiday,
            text(lang, kWeekdays.at(date::weekday(day).c_encoding())),
            format_datetime(lang, suggested, cal), task_id, command_when);
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
