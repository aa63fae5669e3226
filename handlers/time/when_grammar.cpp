// The `<when>` grammar: a loop over the phrase where every token must be explained by one of the
// matchers (relative amounts, recurrence, days, clock times, parts of the day) or be a filler.
#include "handlers/time/when_grammar.hpp"

#include <algorithm>
#include <array>

#include "handlers/time/duration.hpp"

namespace wgbot::timeexpr::detail {
namespace {

using Words = std::initializer_list<std::string_view>;
using RecurKind = RecurSpec::Kind;

bool accept_one_of(Cursor& c, std::initializer_list<Words> sequences) {
  return std::any_of(sequences.begin(), sequences.end(),
                     [&](Words seq) { return c.accept_seq(seq); });
}

std::optional<Part> accept_part_word(Cursor& c) {
  if (c.accept_any({"sang", "morning"})) return Part::morning;
  if (c.accept_any({"trua", "noon"})) return Part::noon;
  if (c.accept_any({"chieu", "afternoon"})) return Part::afternoon;
  // "tới" (coming) folds to "toi" too; only the unmarked or "tối" spelling is evening.
  if (c.is(0, "toi") && c.peek()->marked != "tới") {
    c.skip();
    return Part::evening;
  }
  if (c.accept("evening")) return Part::evening;
  if (c.accept_any({"dem", "night"})) return Part::night;
  if (c.accept("midnight")) return Part::midnight;
  return std::nullopt;
}

bool at_part_word(const Cursor& c) {
  Cursor probe = c;
  return accept_part_word(probe).has_value();
}

// "30 phút nữa", "in 2 hours", "sau 3 ngày", "3 ngày làm việc nữa".
Step match_relative(Cursor& c, ParsedWhen& p) {
  const auto start = c.pos();
  const bool prefix = accept_relative_prefix(c);
  const auto q = match_quantity(c);
  const bool suffix = q && accept_relative_suffix(c);
  if (!q || (!prefix && !suffix) || (q->clock_units && (q->calendar_units || q->working_days))) {
    c.reset(start);  // "17h 3 ngày nữa" is a time and then a day
    return Step::no;
  }
  if (q->clock_units) {
    if (p.relative || q->total <= std::chrono::minutes{0}) return Step::fail;
    p.relative = q->total;
    return Step::yes;
  }
  if (q->halves || q->days <= 0) return Step::fail;
  const DaySpec d{.kind = q->working_days ? DayKind::working_offset : DayKind::offset,
                  .offset = q->days};
  return set_day(p, d) ? Step::yes : Step::fail;
}

bool accept_workdays_words(Cursor& c) {
  return accept_one_of(c, {{"moi", "ngay", "lam", "viec"},
                           {"hang", "ngay", "lam", "viec"},
                           {"cac", "ngay", "lam", "viec"},
                           {"ngay", "lam", "viec"},
                           {"cac", "ngay", "trong", "tuan"},
                           {"moi", "ngay", "trong", "tuan"},
                           {"every", "weekday"},
                           {"every", "working", "day"},
                           {"every", "workday"},
                           {"every", "business", "day"},
                           {"each", "weekday"},
                           {"weekdays"}});
}

bool accept_daily_words(Cursor& c) {
  return accept_one_of(c, {{"hang", "ngay"},
                           {"moi", "ngay"},
                           {"every", "day"},
                           {"each", "day"},
                           {"everyday"},
                           {"daily"}});
}

bool accept_weekly_words(Cursor& c) {
  return accept_one_of(
      c, {{"hang", "tuan"}, {"moi", "tuan"}, {"every", "week"}, {"each", "week"}, {"weekly"}});
}

bool accept_monthly_words(Cursor& c) {
  return accept_one_of(
      c, {{"hang", "thang"}, {"moi", "thang"}, {"every", "month"}, {"each", "month"}, {"monthly"}});
}

// "mỗi thứ 2, thứ 4", "every monday", "mondays", "thứ 2 hàng tuần", and "mỗi sáng".
std::optional<RecurSpec> match_every_weekday(Cursor& c) {
  const auto start = c.pos();
  if (c.accept_any({"moi", "every", "each", "hang"})) {
    if (auto days = match_weekday_list(c)) {
      return RecurSpec{.kind = RecurKind::weekly, .days = *days};
    }
    if (at_part_word(c)) return RecurSpec{.kind = RecurKind::every_part};
    c.reset(start);
    return std::nullopt;
  }
  bool plural = false;
  if (auto days = match_weekday_list(c, &plural); days && (plural || accept_weekly_words(c))) {
    return RecurSpec{.kind = RecurKind::weekly, .days = *days};
  }
  c.reset(start);
  return std::nullopt;
}

bool accept_quarterly_words(Cursor& c) {
  return accept_one_of(
      c,
      {{"hang", "quy"}, {"moi", "quy"}, {"every", "quarter"}, {"each", "quarter"}, {"quarterly"}});
}

bool accept_yearly_words(Cursor& c) {
  return accept_one_of(c, {{"hang", "nam"},
                           {"moi", "nam"},
                           {"every", "year"},
                           {"each", "year"},
                           {"yearly"},
                           {"annually"}});
}

// "cuối mỗi tháng", "cuối hàng tháng", "ngày cuối tháng hàng tháng", "end of every month".
bool accept_month_end_words(Cursor& c) {
  return accept_one_of(c, {{"cuoi", "moi", "thang"},
                           {"cuoi", "hang", "thang"},
                           {"ngay", "cuoi", "cung", "moi", "thang"},
                           {"ngay", "cuoi", "moi", "thang"},
                           {"end", "of", "every", "month"},
                           {"end", "of", "each", "month"}});
}

std::optional<RecurSpec> match_recurrence(Cursor& c) {
  if (accept_month_end_words(c)) return RecurSpec{.kind = RecurKind::monthly, .month_day = -1};
  if (accept_quarterly_words(c)) return RecurSpec{.kind = RecurKind::quarterly};
  if (accept_yearly_words(c)) return RecurSpec{.kind = RecurKind::yearly};
  // Working days first: "mỗi ngày làm việc" must not read as "mỗi ngày".
  if (accept_workdays_words(c)) return RecurSpec{.kind = RecurKind::workdays};
  if (accept_daily_words(c)) return RecurSpec{.kind = RecurKind::daily};
  if (accept_weekly_words(c)) {
    RecurSpec r{.kind = RecurKind::weekly};
    const auto before = c.pos();
    c.accept_any({"vao", "on"});
    if (auto days = match_weekday_list(c)) {
      r.days = *days;
    } else {
      c.reset(before);  // a weekday said elsewhere in the phrase is merged later
    }
    return r;
  }
  if (accept_monthly_words(c)) {
    return RecurSpec{.kind = RecurKind::monthly};  // its day comes as "ngày 5"/"the 5th"
  }
  return match_every_weekday(c);
}

Step match_recurrence_step(Cursor& c, ParsedWhen& p) {
  auto r = match_recurrence(c);
  if (!r) return Step::no;
  if (p.recur) return Step::fail;
  p.recur = r;
  return Step::yes;
}

// Whether a number followed by `next` is a date or an amount rather than minutes.
bool starts_date_or_amount(const Token* next) {
  static constexpr auto kWords = std::to_array<std::string_view>(
      {"/", "-",  ".",  ":",  "ngay", "thang", "nam",  "tuan", "tieng", "gio",  "h",
       "g", "st", "nd", "rd", "th",   "day",   "days", "week", "weeks", "hour", "hours"});
  return next != nullptr && std::find(kWords.begin(), kWords.end(), next->text) != kWords.end();
}

// After "17h"/"9 giờ": "30", "30 phút", "rưỡi", "kém 15".
void accept_minutes(Cursor& c, ClockSpec& k) {
  if (c.accept("ruoi")) {
    k.minute = 30;
    return;
  }
  const auto start = c.pos();
  if (c.accept("kem")) {
    const long m = c.accept_number(1, 59);
    if (m < 0) {
      c.reset(start);
      return;
    }
    c.accept_any({"p", "phut"});
    k.minute = -static_cast<int>(m);
    return;
  }
  const Token* t = c.peek();
  if (t == nullptr || t->kind != TokenKind::number || t->text.size() > 2 || t->value > 59) return;
  // "17h 4/12", "9h 3 ngày nữa": a spaced number starting a date or an amount is not minutes —
  // but "17 giờ 00 ngày 15/12" is: a zero-padded number, or one before "ngày <date>".
  const bool zero_padded = t->text.size() == 2 && t->text[0] == '0';
  const bool date_follows =
      c.is(1, "ngay") && (c.is_number(2) || c.is_any(2, {"mai", "kia", "mot", "mung", "mong"}));
  const bool minutes_anyway = (zero_padded || date_follows) && !c.is_any(1, {"/", "-", ".", ":"});
  if (t->spaced && !minutes_anyway && starts_date_or_amount(c.peek(1))) return;
  c.skip();
  k.minute = static_cast<int>(t->value);
  c.accept_any({"p", "phut", "m"});
}

// "17h", "17h30", "17:30", "9 giờ rưỡi", "5pm", "9 sáng", and after "lúc"/"at" a bare "9".
Step match_clock(Cursor& c, ParsedWhen& p, bool bare_hour_ok) {
  const auto start = c.pos();
  const Token* t = c.peek();
  if (t == nullptr || t->kind != TokenKind::number || t->text.size() > 2) return Step::no;
  ClockSpec k{.hour = static_cast<int>(t->value)};
  c.skip();
  const Token* mm = c.peek(1);
  if (c.is(0, ":") && mm != nullptr && mm->kind == TokenKind::number && mm->text.size() == 2 &&
      mm->value <= 59) {
    k.minute = static_cast<int>(mm->value);
    c.skip(2);
    c.accept("h");
  } else if (c.accept_any({"h", "g", "gio"})) {
    accept_minutes(c, k);
  } else if (!(at_part_word(c) || c.is_any(0, {"am", "pm"}) ||
               (bare_hour_ok && !c.is_any(0, {"/", "-", ".", ":"})))) {
    c.reset(start);
    return Step::no;
  }
  if (c.accept("am")) {
    k.meridiem = Meridiem::am;
  } else if (c.accept("pm")) {
    k.meridiem = Meridiem::pm;
  }
  if (p.clock) return Step::fail;
  p.clock = k;
  return Step::yes;
}

// "sáng", "buổi chiều", "tối nay", "this morning", "in the evening", "tonight".
Step match_part(Cursor& c, ParsedWhen& p) {
  const auto start = c.pos();
  bool today = false;
  std::optional<Part> part;
  if (c.accept_seq({"cuoi", "ngay"}) || c.accept_seq({"het", "ngay"}) ||
      c.accept_seq({"end", "of", "day"}) || c.accept_seq({"end", "of", "the", "day"})) {
    part = Part::end_of_day;  // its day, if any, follows: "hết ngày 15/12"
  } else if (c.accept("tonight")) {
    part = Part::evening;
    today = true;
  } else {
    if (c.accept("this")) {
      today = true;
    } else if (!c.accept_seq({"in", "the"})) {
      c.accept("buoi");
    }
    part = accept_part_word(c);
    if (part && c.accept("nay")) today = true;
  }
  if (part == Part::end_of_day && c.accept_seq({"hom", "nay"})) today = true;
  if (!part) {
    c.reset(start);
    return Step::no;
  }
  if (p.part != Part::none) return Step::fail;
  p.part = *part;
  if (today && !set_day(p, DaySpec{.kind = DayKind::offset, .offset = 0})) return Step::fail;
  return Step::yes;
}

// Folds a weekday or day of month said apart from its rule into it; checks what may combine.
bool finish(ParsedWhen& p) {
  if (p.recur) {
    RecurSpec& r = *p.recur;
    const bool has_days = std::any_of(r.days.begin(), r.days.end(), [](bool b) { return b; });
    if (r.kind == RecurKind::every_part) {
      r.kind = p.day ? RecurKind::weekly : RecurKind::daily;
    }
    if (r.kind == RecurKind::weekly && !has_days && p.day) {  // none: today's weekday
      if (!is_plain_weekday(*p.day)) return false;
      r.days[p.day->weekday] = true;
      p.day.reset();
    } else if ((r.kind == RecurKind::monthly && r.month_day == 0) ||
               (r.kind == RecurKind::quarterly && p.day)) {  // bare "hàng quý": today's day
      if (!p.day || p.day->kind != DayKind::date || p.day->month != 0) return false;
      r.month_day = p.day->day;
      p.day.reset();
    } else if (r.kind == RecurKind::yearly && p.day) {  // bare "hàng năm": today's date
      if (p.day->kind != DayKind::date || p.day->month == 0 || p.day->year != 0) return false;
      r.month_day = p.day->day;
      r.month = p.day->month;
      p.day.reset();
    }
    if (p.day || p.relative || p.check_weekday) return false;
  }
  if (p.relative && (p.day || p.clock || p.part != Part::none)) return false;
  return p.relative || p.day || p.clock || p.part != Part::none || p.recur;
}

}  // namespace

std::optional<ParsedWhen> parse_tokens(const std::vector<Token>& tokens) {
  Cursor c(tokens);
  ParsedWhen p;
  // A deadline "before X" / "at the latest X" is X itself.
  accept_one_of(
      c,
      {{"truoc"}, {"before"}, {"by"}, {"cham", "nhat"}, {"muon", "nhat"}, {"no", "later", "than"}});
  bool bare_hour_ok = false;
  while (!c.done()) {
    if (c.accept_any({",", "(", ")"})) continue;  // "thứ Sáu (04/12)"
    const bool at = c.accept_any({"luc", "at"});
    if (at || c.accept_any({"vao", "on"})) {
      if (c.done()) return std::nullopt;
      bare_hour_ok = bare_hour_ok || at;
      continue;
    }
    Step s = match_relative(c, p);
    if (s == Step::no) s = match_recurrence_step(c, p);
    if (s == Step::no) s = match_date(c, p);
    if (s == Step::no) s = match_clock(c, p, bare_hour_ok);
    if (s == Step::no) s = match_part(c, p);
    if (s != Step::yes) return std::nullopt;
    bare_hour_ok = false;
  }
  if (!finish(p)) return std::nullopt;
  return p;
}

}  // namespace wgbot::timeexpr::detail
