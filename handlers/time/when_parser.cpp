#include "handlers/time/when_parser.hpp"

#include <algorithm>
#include <array>

#include "handlers/time/text.hpp"
#include "handlers/time/when_grammar.hpp"

namespace wgbot::timeexpr {
namespace {

using date::days;
using date::sys_days;
using std::chrono::hours;
using std::chrono::minutes;
using namespace detail;

constexpr days kNeedsYearWindow{60};
constexpr minutes kEndOfDay{24 * 60};

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n\f\v");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n\f\v");
  return s.substr(first, last - first + 1);
}

// A day, or why there is none.
struct DayResult {
  sys_days day{};
  std::optional<ErrorKind> error;
};

DayResult fail(ErrorKind k) {
  return DayResult{{}, k};
}

sys_days monday_of(sys_days d) {
  return d - days{(date::weekday{d}.c_encoding() + 6) % 7};
}

// A day/month without year: the next one, unless it was within the last 60 days.
DayResult resolve_day_month(int day, int month, sys_days today) {
  static constexpr std::array kMaxDays{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kMaxDays[month - 1]) {
    return fail(ErrorKind::impossible_date);
  }
  const date::year this_year = date::year_month_day{today}.year();
  // 29/2 of a common year counts as 1/3 when measuring how long ago it was.
  const sys_days this_years =
      sys_days{this_year / date::month(static_cast<unsigned>(month)) / 1} + days{day - 1};
  date::year y = this_year;
  if (this_years < today) {
    if (today - this_years <= kNeedsYearWindow) return fail(ErrorKind::needs_year);
    y = this_year + date::years{1};
  }
  const auto ymd =
      y / date::month(static_cast<unsigned>(month)) / date::day(static_cast<unsigned>(day));
  if (!ymd.ok()) return fail(ErrorKind::impossible_date);
  return DayResult{sys_days{ymd}, std::nullopt};
}

// "ngày 20": this month's if still ahead, else the next month that has that day.
DayResult resolve_month_day(int day, sys_days today) {
  if (day < 1 || day > 31) return fail(ErrorKind::impossible_date);
  const date::year_month_day t{today};
  auto ym = t.year() / t.month();
  if (static_cast<unsigned>(day) < static_cast<unsigned>(t.day())) ym += date::months{1};
  for (int i = 0; i < 12; ++i, ym += date::months{1}) {
    const auto ymd = ym / date::day(static_cast<unsigned>(day));
    if (ymd.ok()) return DayResult{sys_days{ymd}, std::nullopt};
  }
  return fail(ErrorKind::impossible_date);
}

DayResult resolve_date(const DaySpec& d, sys_days today) {
  if (d.month == 0) return resolve_month_day(d.day, today);
  if (d.year == 0) return resolve_day_month(d.day, d.month, today);
  const auto ymd = date::year{d.year} / date::month(static_cast<unsigned>(d.month)) /
                   date::day(static_cast<unsigned>(d.day));
  if (d.month < 1 || d.month > 12 || d.day < 1 || !ymd.ok())
    return fail(ErrorKind::impossible_date);
  return DayResult{sys_days{ymd}, std::nullopt};
}

sys_days resolve_weekday(unsigned wd, WeekMode mode, sys_days today) {
  const date::weekday want{wd};
  const days ahead = want - date::weekday{today};  // 0..6
  switch (mode) {
    case WeekMode::upcoming:
      return today + (ahead == days{0} ? days{7} : ahead);
    case WeekMode::upcoming_or_today:
      return today + ahead;
    case WeekMode::this_week:
      return monday_of(today) + days{(wd + 6) % 7};
    case WeekMode::next_week:
      return monday_of(today) + days{7 + (wd + 6) % 7};
  }
  return today;
}

// The month a "cuối/đầu tháng" names: `month` when said (this year's, or next year's once it is
// over), else `offset` months ahead.
date::year_month month_of(const DaySpec& d, sys_days today, bool end) {
  const date::year_month_day t{today};
  if (d.month == 0) return t.year() / t.month() + date::months{d.offset};
  const auto month = static_cast<unsigned>(d.month);
  const auto now_month = static_cast<unsigned>(t.month());
  const bool this_year = end ? month >= now_month : month > now_month;
  return (this_year ? t.year() : t.year() + date::years{1}) / date::month{month};
}

DayResult resolve_day(const DaySpec& d, sys_days today, const Calendar& cal) {
  auto ok = [](sys_days day) { return DayResult{day, std::nullopt}; };
  switch (d.kind) {
    case DayKind::date:
      return resolve_date(d, today);
    case DayKind::offset:
      return ok(today + days{d.offset});
    case DayKind::working_offset:
      return ok(cal.add_working_days(today, d.offset));
    case DayKind::weekday:
      return ok(resolve_weekday(d.weekday, d.mode, today));
    case DayKind::next_week:
      return ok(monday_of(today) + days{7});
    case DayKind::end_of_week:
      return ok(monday_of(today) + days{4 + 7 * d.offset});
    case DayKind::end_of_month:
      return ok(sys_days{month_of(d, today, true) / date::last});
    case DayKind::start_of_month:
      return ok(sys_days{month_of(d, today, false) / 1});
    case DayKind::end_of_quarter: {
      const date::year_month_day t{today};
      const unsigned first = (static_cast<unsigned>(t.month()) - 1) / 3 * 3 + 1;
      const auto ym = t.year() / date::month{first} + date::months{2 + 3 * d.offset};
      return ok(sys_days{ym / date::last});
    }
    case DayKind::end_of_year: {
      const date::year y = d.year != 0 ? date::year{d.year}
                                       : date::year_month_day{today}.year() + date::years{d.offset};
      return ok(sys_days{y / date::December / 31});
    }
    case DayKind::month_offset: {
      const date::year_month_day t{today};
      const auto ym = t.year() / t.month() + date::months{d.offset};
      const auto last = date::year_month_day_last{ym.year(), date::month_day_last{ym.month()}};
      return ok(sys_days{ym / std::min(t.day(), last.day())});
    }
  }
  return fail(ErrorKind::unreadable);
}

// For a deadline, a period's end (start) is its last (first) working day.
sys_days working_day_in_period(const DaySpec& d, sys_days day, const Calendar& cal) {
  const bool start = d.kind == DayKind::start_of_month || d.kind == DayKind::next_week ||
                     d.kind == DayKind::weekday;
  const days step{start ? 1 : -1};
  for (int i = 0; i < 10 && !cal.is_working_day(day); ++i) day += step;
  return cal.is_working_day(day) ? day : day - step * 10;
}

// The hours each part of the day accepts and what they become ("2h chiều" is 14:00); 24 is the
// midnight that ends the day ("12h đêm"). "0h"..."5h đêm" stay early morning of the day named.
struct HourRule {
  Part part;
  int lo;
  int hi;
  int shift;
};
constexpr auto kHourRules = std::to_array<HourRule>({
    {Part::none, 0, 24, 0},
    {Part::morning, 0, 11, 0},
    {Part::noon, 11, 14, 0},
    {Part::noon, 1, 2, 12},
    {Part::afternoon, 1, 11, 12},
    {Part::afternoon, 12, 18, 0},
    {Part::evening, 5, 11, 12},
    {Part::evening, 17, 23, 0},
    {Part::evening, 12, 12, 12},
    {Part::night, 9, 11, 12},
    {Part::night, 21, 23, 0},
    {Part::night, 12, 12, 12},
    {Part::night, 0, 5, 0},
    {Part::midnight, 12, 12, 12},
    {Part::midnight, 24, 24, 0},
});

// -1 when the hour contradicts the part of the day ("13h sáng").
int hour_in_part(int h, Part part) {
  for (const auto& r : kHourRules) {
    if (r.part == part && h >= r.lo && h <= r.hi) return h + r.shift;
  }
  return -1;
}

std::optional<minutes> part_default(Part part) {
  switch (part) {
    case Part::morning:
      return hours{8};
    case Part::noon:
      return hours{12};
    case Part::afternoon:
      return hours{14};
    case Part::evening:
      return hours{19};
    case Part::night:
      return hours{22};
    case Part::midnight:
      return kEndOfDay;
    case Part::none:
    case Part::end_of_day:
      break;
  }
  return std::nullopt;
}

// Local time of day, possibly 24:00 or later (the midnight that ends a day).
std::optional<minutes> resolve_time_of_day(const ParsedWhen& p, minutes fallback,
                                           minutes end_of_day) {
  if (p.part == Part::end_of_day) {
    if (p.clock) return std::nullopt;  // "17h cuối ngày" says the time twice
    return end_of_day;
  }
  if (!p.clock) return p.part == Part::none ? fallback : *part_default(p.part);
  int h = p.clock->hour;
  if (p.clock->meridiem != Meridiem::none) {
    if (h < 1 || h > 12) return std::nullopt;
    const bool pm = p.clock->meridiem == Meridiem::pm;
    const bool fits = p.part == Part::none || p.part == Part::night ||
                      (pm ? p.part != Part::morning : p.part == Part::morning);
    if (!fits) return std::nullopt;
    h = h % 12 + (pm ? 12 : 0);
  } else {
    h = hour_in_part(h, p.part);
  }
  const minutes tod = hours{h} + minutes{p.clock->minute};
  if (h < 0 || tod < minutes{0} || (h == 24 && p.clock->minute > 0 && p.part == Part::none)) {
    return std::nullopt;
  }
  return tod;
}

minutes default_time(const Options& opt) {
  return opt.purpose == Purpose::reminder ? opt.default_reminder_time : opt.default_deadline_time;
}

WhenResult resolve_recurrence(const RecurSpec& r, minutes tod, std::chrono::sys_seconds now,
                              const Calendar& cal, const std::string& phrase) {
  RRule rule;
  Recurrence rec;
  const sys_days today = cal.local_day(now);
  const date::year_month_day t{today};
  switch (r.kind) {
    case RecurSpec::Kind::daily:
    case RecurSpec::Kind::every_part:
      rule.freq = RRule::Freq::daily;
      break;
    case RecurSpec::Kind::workdays:  // the calendar's working days, holidays skipped
      rule.freq = RRule::Freq::weekly;
      rule.by_day = cal.workdays;
      rec.skip_holidays = true;
      break;
    case RecurSpec::Kind::weekly:
      rule.freq = RRule::Freq::weekly;
      rule.by_day = r.days;
      if (std::none_of(r.days.begin(), r.days.end(), [](bool b) { return b; })) {
        rule.by_day[date::weekday{today}.c_encoding()] = true;  // bare "hàng tuần"
      }
      break;
    case RecurSpec::Kind::monthly:
    case RecurSpec::Kind::quarterly:
      rule.freq = RRule::Freq::monthly;
      rule.interval = r.kind == RecurSpec::Kind::quarterly ? 3 : 1;
      rule.by_month_day =
          r.month_day != 0 ? r.month_day : static_cast<int>(static_cast<unsigned>(t.day()));
      if (rule.by_month_day < -1 || rule.by_month_day > 31) {
        return WhenError{ErrorKind::impossible_date, phrase};
      }
      break;
    case RecurSpec::Kind::yearly: {
      rule.freq = RRule::Freq::yearly;
      rule.by_month = r.month != 0 ? r.month : static_cast<int>(static_cast<unsigned>(t.month()));
      rule.by_month_day =
          r.month_day != 0 ? r.month_day : static_cast<int>(static_cast<unsigned>(t.day()));
      // 29/2 is a day some years have; 30/2 none.
      const auto leap = date::year{2028} / date::month(static_cast<unsigned>(rule.by_month)) /
                        date::day(static_cast<unsigned>(rule.by_month_day));
      if (rule.by_month_day < 1 || !leap.ok()) return WhenError{ErrorKind::impossible_date, phrase};
      break;
    }
  }
  // A midnight that ends a weekday or month day would need the rule shifted to the next day.
  if (tod >= kEndOfDay && rule.freq != RRule::Freq::daily) {
    return WhenError{ErrorKind::unreadable, phrase};
  }
  rec.rrule = format_rrule(rule);
  const auto start = cal.at(cal.local_day(now), tod);
  const auto at = next_occurrence(rec, start, now, cal);
  if (!at) return WhenError{ErrorKind::unreadable, phrase};
  return When{*at, rec};
}

WhenResult resolve_single(const ParsedWhen& p, minutes tod, std::chrono::sys_seconds now,
                          const Calendar& cal, const Options& opt, const std::string& phrase) {
  const sys_days today = cal.local_day(now);
  if (!p.day) {  // a bare time already past today means tomorrow
    auto at = cal.at(today, tod);
    if (at <= now) at = cal.at(today + days{1}, tod);
    return When{at, std::nullopt};
  }
  const DayResult r = resolve_day(*p.day, today, cal);
  if (r.error) return WhenError{*r.error, phrase};
  if (p.check_weekday && date::weekday{r.day}.c_encoding() != *p.check_weekday) {
    return WhenError{ErrorKind::weekday_mismatch, phrase, r.day};
  }
  const bool working = p.day->period && opt.purpose == Purpose::deadline;
  auto pick = [&](sys_days day) { return working ? working_day_in_period(*p.day, day, cal) : day; };
  auto at = cal.at(pick(r.day), tod);
  if (at <= now && p.day->rolls) at = cal.at(pick(r.day + days{7}), tod);
  if (at <= now) return WhenError{ErrorKind::in_past, phrase};
  return When{at, std::nullopt};
}

bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}

// Whether an unreadable remainder after "hạn" still starts like a time expression.
bool starts_like_time(const std::vector<Token>& tokens, std::size_t j) {
  if (j >= tokens.size()) return false;
  const Token& t = tokens[j];
  const std::string next = j + 1 < tokens.size() ? tokens[j + 1].text : std::string();
  if (t.kind == TokenKind::number) {
    static constexpr auto kTimeShaped = std::to_array<std::string_view>(
        {"",     "/",    "-",     ".",       ":",    "h",  "g",     "gio",
         "am",   "pm",   "ngay",  "tieng",   "phut", "p",  "thang", "day",
         "days", "hour", "hours", "minutes", "st",   "nd", "rd",    "th"});
    return std::find(kTimeShaped.begin(), kTimeShaped.end(), next) != kTimeShaped.end();
  }
  static constexpr auto kTimeWords = std::to_array<std::string_view>(
      {"thu",     "cn",        "chu",      "mai",     "ngay",     "hom",    "tuan",
       "cuoi",    "sang",      "trua",     "chieu",   "toi",      "dem",    "luc",
       "truoc",   "today",     "tomorrow", "tonight", "next",     "this",   "monday",
       "tuesday", "wednesday", "thursday", "friday",  "saturday", "sunday", "end",
       "before",  "by",        "every",    "hang",    "moi"});
  if (t.text == "t") return j + 1 < tokens.size() && tokens[j + 1].kind == TokenKind::number;
  return std::find(kTimeWords.begin(), kTimeWords.end(), t.text) != kTimeWords.end();
}

// Skips what may sit between the keyword and the time: "hạn chót: 15/12", "hạn xử lý 15/12".
std::size_t skip_deadline_intro(const std::vector<Token>& tokens, std::size_t j) {
  auto is = [&](std::size_t k, std::string_view w) {
    return k < tokens.size() && tokens[k].text == w;
  };
  for (;;) {
    if (is(j, ":") || is(j, "chot") || is(j, "la")) {
      ++j;
    } else if ((is(j, "xu") && is(j + 1, "ly")) || (is(j, "hoan") && is(j + 1, "thanh"))) {
      j += 2;
    } else {
      return j;
    }
  }
}

// The index after the deadline keyword starting at token k, or 0 when none starts there: "hạn"
// with or without its mark (not "Hàn" or other words folding to "han"), "trước", "chậm nhất",
// "due", "before", "by".
std::size_t deadline_keyword_end(const std::vector<Token>& tokens, std::size_t k) {
  const Token& t = tokens[k];
  if (t.kind != TokenKind::word) return 0;
  static constexpr auto kWords =
      std::to_array<std::string_view>({"hạn", "han", "due", "trước", "truoc", "before", "by"});
  if (std::find(kWords.begin(), kWords.end(), t.marked) != kWords.end()) return k + 1;
  const bool nhat = k + 1 < tokens.size() && tokens[k + 1].text == "nhat";
  if (nhat && (t.marked == "chậm" || t.marked == "cham")) return k + 2;
  return 0;
}

std::string trim_title(std::string_view s) {
  s = trim(s);
  while (!s.empty() && std::string_view(",;:-").find(s.back()) != std::string_view::npos) {
    s = trim(s.substr(0, s.size() - 1));
  }
  return std::string(s);
}

}  // namespace

WhenResult parse_when(std::string_view phrase, std::chrono::sys_seconds now, const Calendar& cal,
                      const Options& opt) {
  const std::string quoted(trim(phrase));
  const auto tokens = tokenize(phrase);
  if (tokens.empty()) return WhenError{ErrorKind::empty, quoted};
  auto parsed = parse_tokens(tokens);
  if (!parsed) return WhenError{ErrorKind::unreadable, quoted};
  if (parsed->recur && !opt.allow_recurrence && parsed->recur->kind == RecurSpec::Kind::monthly &&
      parsed->recur->month_day == -1) {  // a deadline "cuối mỗi tháng": the coming month end
    parsed->recur.reset();
    parsed->day = DaySpec{.kind = DayKind::end_of_month, .period = true};
  }
  if (parsed->recur && !opt.allow_recurrence) {
    return WhenError{ErrorKind::recurrence_not_allowed, quoted};
  }
  if (parsed->relative) return When{now + *parsed->relative, std::nullopt};
  const auto tod = resolve_time_of_day(*parsed, default_time(opt), opt.default_deadline_time);
  if (!tod) return WhenError{ErrorKind::unreadable, quoted};
  if (parsed->recur) return resolve_recurrence(*parsed->recur, *tod, now, cal, quoted);
  return resolve_single(*parsed, *tod, now, cal, opt, quoted);
}

DeadlineSplit split_deadline(std::string_view text, std::chrono::sys_seconds now,
                             const Calendar& cal, const Options& opt) {
  const auto tokens = tokenize(text);
  std::optional<WhenError> attempted;
  for (std::size_t k = tokens.size(); k-- > 0;) {
    const std::size_t after = deadline_keyword_end(tokens, k);
    if (after == 0) continue;
    const std::size_t j = skip_deadline_intro(tokens, after);
    if (j >= tokens.size()) continue;  // nothing after the keyword: part of the title
    auto result = parse_when(text.substr(tokens[j].begin), now, cal, opt);
    if (auto* when = std::get_if<When>(&result)) {
      return DeadlineSplit{trim_title(text.substr(0, tokens[k].begin)), *when, std::nullopt};
    }
    auto& error = std::get<WhenError>(result);
    if (!attempted && (error.kind != ErrorKind::unreadable || starts_like_time(tokens, j))) {
      attempted = std::move(error);
    }
  }
  return DeadlineSplit{std::string(trim(text)), std::nullopt, attempted};
}

std::optional<ReminderSplit> split_reminder_trailing(std::string_view args,
                                                     std::chrono::sys_seconds now,
                                                     const Calendar& cal, const Options& opt) {
  const auto tokens = tokenize(args);
  for (std::size_t k = 1; k < tokens.size(); ++k) {
    if (!(tokens[k].text == "luc" || tokens[k].text == "vao" || tokens[k].text == "at")) continue;
    const auto when = args.substr(tokens[k].begin);
    if (!std::holds_alternative<When>(parse_when(when, now, cal, opt))) continue;
    std::string text = trim_title(args.substr(0, tokens[k].begin));
    if (text.empty()) return std::nullopt;
    return ReminderSplit{std::string(trim(when)), std::move(text)};
  }
  return std::nullopt;
}

std::optional<ReminderSplit> split_reminder(std::string_view args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] != ':') continue;
    const bool between_digits =
        i > 0 && i + 1 < args.size() && is_ascii_digit(args[i - 1]) && is_ascii_digit(args[i + 1]);
    if (!between_digits) {
      return ReminderSplit{std::string(trim(args.substr(0, i))),
                           std::string(trim(args.substr(i + 1)))};
    }
  }
  return std::nullopt;
}

}  // namespace wgbot::timeexpr
