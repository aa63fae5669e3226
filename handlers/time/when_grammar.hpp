// Internal: the token grammar of `<when>` phrases. It only recognises shapes and records what
// was said; when_parser.cpp turns that into an instant against a clock and a calendar.
#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <vector>

#include "handlers/time/text.hpp"

namespace wgbot::timeexpr::detail {

enum class DayKind {
  date,            // day [month [year]]; 0 = not said
  offset,          // today + offset days
  working_offset,  // offset working days after today
  weekday,
  next_week,       // Monday of next week
  end_of_week,     // Friday of the week `offset` weeks ahead
  end_of_month,    // last day of the month `offset` months ahead, or of `month` when said
  start_of_month,  // first day of the month `offset` months ahead, or of `month` when said
  end_of_quarter,  // last day of the quarter `offset` quarters ahead
  end_of_year,     // 31/12 of the year `offset` years ahead
  month_offset  // today + `offset` calendar months ("1 tháng nữa"), clamped to the month's end
};

enum class WeekMode {
  upcoming,           // next occurrence, never today
  upcoming_or_today,  // "this friday", "thứ 6 này"
  this_week,          // "thứ 6 tuần này" (Monday-based week)
  next_week           // "thứ 6 tuần sau", "next friday"
};

struct DaySpec {
  DayKind kind = DayKind::offset;
  int day = 0;
  int month = 0;
  int year = 0;
  int offset = 0;
  unsigned weekday = 0;  // c_encoding (0 = Sunday)
  WeekMode mode = WeekMode::upcoming;
  bool rolls = false;  // "cuối tuần": next week's once this week's is over
  // "cuối tháng", "đầu tuần"…: for a deadline, moved to the nearest working day inside the period.
  bool period = false;
};

// end_of_day: "cuối ngày", "hết ngày" — the end of the working day (the default deadline time).
enum class Part { none, morning, noon, afternoon, evening, night, midnight, end_of_day };
enum class Meridiem { none, am, pm };

struct ClockSpec {
  int hour = 0;
  int minute = 0;  // negative for "9 giờ kém 15"
  Meridiem meridiem = Meridiem::none;
};

struct RecurSpec {
  // every_part: "mỗi sáng" — daily, or weekly once a weekday is said ("mỗi sáng thứ 2").
  enum class Kind { daily, workdays, weekly, monthly, quarterly, yearly, every_part };
  Kind kind = Kind::daily;
  std::array<bool, 7> days{};  // weekly, by c_encoding; none said = today's weekday
  int month_day = 0;           // monthly, quarterly, yearly; -1 = the last day of the month
  int month = 0;               // yearly
};

struct ParsedWhen {
  std::optional<std::chrono::minutes> relative;  // "30 phút nữa": now + this, exactly
  std::optional<DaySpec> day;
  std::optional<unsigned> check_weekday;  // a weekday said beside an explicit date
  std::optional<ClockSpec> clock;
  Part part = Part::none;
  std::optional<RecurSpec> recur;
};

// nullopt when any token is left unexplained or parts contradict each other.
std::optional<ParsedWhen> parse_tokens(const std::vector<Token>& tokens);

// Matchers shared between the grammar files; each consumes nothing unless it matches.
enum class Step { no, yes, fail };
bool set_day(ParsedWhen& p, DaySpec d);
std::optional<unsigned> match_weekday(Cursor& c, bool* numeric = nullptr, bool* plural = nullptr);
std::optional<std::array<bool, 7>> match_weekday_list(Cursor& c, bool* plural = nullptr);
Step match_date(Cursor& c, ParsedWhen& p);
bool is_plain_weekday(const DaySpec& d);

}  // namespace wgbot::timeexpr::detail
