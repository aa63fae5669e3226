// The `<when>` phrase of /task, /due and /remind (a date, a time, a relative day or, for
// reminders, a recurrence), in Vietnamese and English, with or without diacritics.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "handlers/time/calendar.hpp"
#include "handlers/time/recurrence.hpp"

namespace wgbot::timeexpr {

enum class Purpose { deadline, reminder };

struct Options {
  Purpose purpose = Purpose::deadline;
  std::chrono::minutes default_deadline_time{17 * 60};
  std::chrono::minutes default_reminder_time{8 * 60};
  bool allow_recurrence = false;  // reminders only
};

// `at` is exact; for a recurrence it is the rule's first occurrence strictly after `now`.
struct When {
  std::chrono::sys_seconds at;
  std::optional<Recurrence> recurrence;
};

enum class ErrorKind {
  empty,                  // nothing but spaces
  unreadable,             // a word or shape the grammar does not know: nothing is guessed
  in_past,                // an explicit date or date-time that is already over
  impossible_date,        // 31/2, 29/2/2027, 15/13, or a weekday that does not match the date
  needs_year,             // a day/month without year that fell within the last 60 days
  recurrence_not_allowed  // a rule where a single instant is wanted (deadlines)
};

// phrase: the text that could not be used (the whole phrase, trimmed), quoted to the user.
struct WhenError {
  ErrorKind kind;
  std::string phrase;
};

using WhenResult = std::variant<When, WhenError>;

// Reads `phrase` said at `now`; all times are local to cal.zone. Readings worth knowing:
//  - `0h` is 00:00 at the start of the day it names (`0h 5/12` = 5/12 00:00; bare `0h` is
//    therefore the next midnight); `12h đêm`/`midnight`/`24h` end the day they name.
//  - `next friday`/`friday next week` = Friday of next week (like `thứ 6 tuần sau`); `this friday`
//    and `thứ 6 này` = the coming Friday, today included; `thứ 6 tuần này` = this week's Friday.
//  - `cuối tuần` rolls to next week's Friday once this week's Friday at the given time is over;
//    `cuối tháng` does not roll (on the last evening of the month it is in_past).
//  - `ngày 20` (day without month) is its next occurrence, this month or a later one.
//  - extras: `N ngày làm việc nữa`/`in N working days` (skips non-working days and holidays),
//    `N tuần nữa`, `tuần tới`, `cuối tuần sau`, `cuối tháng sau`, `9 giờ kém 15`, `9g30`,
//    English month names (`dec 15`), `thứ Sáu, 04/12/2026` (the weekday must match),
//    `ngày làm việc` uses the calendar's workdays for BYDAY.
//  - a plain `toi` after a weekday reads as `tối` (evening); `tới` (coming) needs its diacritics.
WhenResult parse_when(std::string_view phrase, std::chrono::sys_seconds now, const Calendar& cal,
                      const Options& opt);

// `/task <title> hạn <when>`: the deadline is the LAST `hạn`/`han`/`due` keyword (a whole word,
// any case, with or without the dot below — but not `Hàn`, `hân`…) whose remainder parses as a time
// expression; the text before it, trimmed of spaces and trailing ",;:-", is the title. Words like
// `chót`, `xử lý`, `hoàn thành` or a `:` right after the keyword are skipped (`hạn chót: 15/12`).
// When no keyword's remainder parses, the title is the whole text and there is no deadline;
// `error` is then set from the LAST keyword whose remainder looked like an attempted time: one
// that failed for a reason other than unreadable (in_past, impossible_date, ...) or that starts
// like a time (a date/time-shaped number such as `31/2` or `25h`, or a time word such as `thứ`,
// `mai`, `tuần`, `friday`). So `Gia hạn hợp đồng`, `hạn chế truy cập` or `thời hạn 2 văn bản`
// are plain titles, while `Báo cáo hạn 31/2` is an error. An empty remainder is not an attempt.
// The caller removes @mentions and `src …` first.
struct DeadlineSplit {
  std::string title;
  std::optional<When> deadline;
  std::optional<WhenError> error;
};
DeadlineSplit split_deadline(std::string_view text, std::chrono::sys_seconds now,
                             const Calendar& cal, const Options& opt);

// `/remind <when>: <text>`: <when> ends at the first ':' that is not between two digits (so
// `16:30` stays in it). Both parts are trimmed and may be empty; nullopt when there is no such ':'.
struct ReminderSplit {
  std::string when;
  std::string text;
};
std::optional<ReminderSplit> split_reminder(std::string_view args);

}  // namespace wgbot::timeexpr
