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
  impossible_date,        // 31/2, 29/2/2027, 15/13
  weekday_mismatch,       // "thứ 5 ngày 4/12" when 4/12 is a Friday: `day` says which it is
  needs_year,             // a day/month without year that fell within the last 60 days
  recurrence_not_allowed  // a rule where a single instant is wanted (deadlines)
};

// phrase: the text that could not be used (the whole phrase, trimmed), quoted to the user.
struct WhenError {
  ErrorKind kind;
  std::string phrase;
  std::optional<date::sys_days> day = std::nullopt;  // weekday_mismatch: the date said
};

using WhenResult = std::variant<When, WhenError>;

// Reads `phrase` said at `now`; all times are local to cal.zone. Readings worth knowing:
//  - `0h` is 00:00 at the start of the day it names (`0h 5/12` = 5/12 00:00; bare `0h` is
//    therefore the next midnight); `12h đêm`/`midnight`/`24h` end the day they name.
//  - `next friday`/`friday next week` = Friday of next week (like `thứ 6 tuần sau`); `this friday`
//    and `thứ 6 này` = the coming Friday, today included; `thứ 6 tuần này` = this week's Friday.
//  - `cuối tuần`/`trong tuần` rolls to next week's Friday once this week's Friday at the given
//    time is over; `cuối tháng` does not roll (on the last evening of the month it is in_past).
//  - ends and starts of periods — `cuối tuần`, `đầu tuần`, `cuối tháng (12)`, `đầu tháng (12)`,
//    `tháng sau` (the start of next month), `cuối quý`, `cuối năm` — are, for a deadline, the
//    last (first) working day of the period; for a reminder, the calendar day.
//  - `cuối ngày`/`hết ngày [15/12]` is the end of the working day: the default deadline time.
//  - `1 tháng nữa` is the same day of next month (the month's last day if it has no such day).
//  - bare `hàng tuần` repeats on today's weekday, bare `hàng quý` on today's day every three
//    months, `hàng năm 1/1` every year; `cuối mỗi tháng` is the last day of each month (for a
//    deadline: the coming month end, on its last working day).
//  - `ngày 20` (day without month) is its next occurrence, this month or a later one.
//  - extras: `N ngày làm việc nữa`/`in N working days` (skips non-working days and holidays),
//    `N tuần nữa`, `tuần tới`, `cuối tuần sau`, `cuối tháng sau`, `9 giờ kém 15`, `9g30`,
//    English month names (`dec 15`), `thứ Sáu, 04/12/2026` (the weekday must match),
//    `ngày làm việc` uses the calendar's workdays for BYDAY.
//  - a plain `toi` after a weekday reads as `tối` (evening); `tới` (coming) needs its diacritics.
WhenResult parse_when(std::string_view phrase, std::chrono::sys_seconds now, const Calendar& cal,
                      const Options& opt);

// `/task <title> hạn <when>`: the deadline is the LAST deadline keyword — `hạn`/`han`/`due`,
// `trước`/`truoc`, `chậm nhất`/`cham nhat`, `by`, `before` — (a whole word,
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

// `/remind <text> lúc|vào <when>` without a colon ("họp giao ban lúc 8h sáng mai"): <when> starts
// at the FIRST whole word `lúc`/`vào`/`at` (with or without diacritics) whose remainder reads as a
// time (so the longest time phrase); the text before it is the reminder's. nullopt when no such
// word reads, or no text is left.
std::optional<ReminderSplit> split_reminder_trailing(std::string_view args,
                                                     std::chrono::sys_seconds now,
                                                     const Calendar& cal, const Options& opt);

}  // namespace wgbot::timeexpr
