// Day matchers of the `<when>` grammar: dates, relative days, weekdays, week and month ends.
#include <array>
#include <span>
#include <string_view>

#include "handlers/time/when_grammar.hpp"

namespace wgbot::timeexpr::detail {
namespace {

struct Name {
  std::string_view word;
  int value;
};

// Weekdays by c_encoding; "thu" alone is Vietnamese thứ, never Thursday.
constexpr std::array<Name, 16> kEnglishWeekdays{{{"sunday", 0},
                                                 {"sun", 0},
                                                 {"monday", 1},
                                                 {"mon", 1},
                                                 {"tuesday", 2},
                                                 {"tue", 2},
                                                 {"tues", 2},
                                                 {"wednesday", 3},
                                                 {"wed", 3},
                                                 {"thursday", 4},
                                                 {"thur", 4},
                                                 {"thurs", 4},
                                                 {"friday", 5},
                                                 {"fri", 5},
                                                 {"saturday", 6},
                                                 {"sat", 6}}};
constexpr std::array<Name, 6> kVietnameseOrdinals{
    {{"hai", 1}, {"ba", 2}, {"tu", 3}, {"nam", 4}, {"sau", 5}, {"bay", 6}}};
constexpr std::array<Name, 24> kMonths{
    {{"january", 1},   {"jan", 1},   {"february", 2},  {"feb", 2},      {"march", 3},
     {"mar", 3},       {"april", 4}, {"apr", 4},       {"may", 5},      {"june", 6},
     {"jun", 6},       {"july", 7},  {"jul", 7},       {"august", 8},   {"aug", 8},
     {"september", 9}, {"sep", 9},   {"sept", 9},      {"october", 10}, {"oct", 10},
     {"november", 11}, {"nov", 11},  {"december", 12}, {"dec", 12}}};

std::optional<int> accept_name(Cursor& c, std::span<const Name> names) {
  for (const auto& n : names) {
    if (c.accept(n.word)) return n.value;
  }
  return std::nullopt;
}

bool is_dated(const DaySpec& d) {
  return d.kind == DayKind::date && d.month != 0;
}

// A number of at most `digits` digits, or -1.
long accept_digits(Cursor& c, std::size_t digits) {
  const Token* t = c.peek();
  if (t == nullptr || t->kind != TokenKind::number || t->text.size() > digits) return -1;
  c.skip();
  return t->value;
}

bool accept_ordinal_suffix(Cursor& c) {
  const Token* t = c.peek();
  return t != nullptr && !t->spaced && c.accept_any({"st", "nd", "rd", "th"});
}

// A 4-digit year, or a 2-digit one in this century; 0 when absent.
int accept_year(Cursor& c, bool allow_two_digits) {
  const Token* t = c.peek();
  if (t == nullptr || t->kind != TokenKind::number) return 0;
  if (t->text.size() == 4 && t->value >= 1000) {  // "0000" must not read as "no year"
    c.skip();
    return static_cast<int>(t->value);
  }
  if (allow_two_digits && t->text.size() == 2) {
    c.skip();
    return 2000 + static_cast<int>(t->value);
  }
  return 0;
}

// 15/12, 15/12/2026, 15-12-2026, 15.12.2026, 2026-12-15, 15/12/26.
std::optional<DaySpec> match_numeric_date(Cursor& c) {
  const auto start = c.pos();
  const Token* first = c.peek();
  if (first == nullptr || first->kind != TokenKind::number || !c.is_any(1, {"/", "-", "."}) ||
      !c.is_number(2)) {
    return std::nullopt;
  }
  const std::string sep = c.peek(1)->text;
  DaySpec d{.kind = DayKind::date};
  if (first->text.size() == 4) {  // ISO: year first, all three parts
    c.skip(2);
    d.year = static_cast<int>(first->value);
    d.month = static_cast<int>(accept_digits(c, 2));
    if (d.month >= 0 && c.accept(sep)) d.day = static_cast<int>(accept_digits(c, 2));
    if (d.month < 0 || d.day <= 0) c.reset(start);
    return c.pos() == start ? std::nullopt : std::optional<DaySpec>(d);
  }
  d.day = static_cast<int>(accept_digits(c, 2));
  c.skip();  // the separator
  d.month = static_cast<int>(accept_digits(c, 2));
  if (d.day >= 0 && d.month >= 0 && c.is(0, sep) && c.is_number(1)) {
    c.skip();
    d.year = accept_year(c, true);
    if (d.year == 0) d.day = -1;
  } else if (sep == "." && (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31)) {
    d.day = -1;  // "17.30" is not a date; "15.12" is
  }
  if (d.day < 0 || d.month < 0) {
    c.reset(start);
    return std::nullopt;
  }
  return d;
}

// [ngày] [mùng|mồng] 15 tháng 12 [năm 2026], ngày 15, ngày 4/12, ngày mai, ngày kia, ngày mốt.
std::optional<DaySpec> match_vietnamese_date(Cursor& c) {
  const auto start = c.pos();
  const bool said_ngay = c.accept("ngay");
  const bool said_mung = c.accept_any({"mung", "mong"});
  const bool said_day = said_ngay || said_mung;
  if (said_day) {
    if (auto d = match_numeric_date(c)) return d;
  }
  if (said_ngay && !said_mung) {
    if (c.accept("mai")) return DaySpec{.kind = DayKind::offset, .offset = 1};
    if (c.accept("kia") || c.accept_unless("mot", "một")) {
      return DaySpec{.kind = DayKind::offset, .offset = 2};
    }
  }
  DaySpec d{.kind = DayKind::date};
  d.day = static_cast<int>(accept_digits(c, 2));
  if (d.day >= 0 && c.accept("thang")) {
    d.month = static_cast<int>(accept_digits(c, 2));
    if (d.month >= 0 && c.accept("nam")) {
      d.year = accept_year(c, false);
      if (d.year == 0) d.month = -1;
    }
    if (d.month < 0) d.day = -1;
  } else if (!said_day) {
    d.day = -1;
  }
  if (d.day < 0) {
    c.reset(start);
    return std::nullopt;
  }
  return d;
}

// "december 15[th][, 2026]", "15[th] [of] december [2026]", "the 15th".
std::optional<DaySpec> match_english_date(Cursor& c) {
  const auto start = c.pos();
  DaySpec d{.kind = DayKind::date};
  if (auto m = accept_name(c, kMonths)) {
    c.accept("the");
    d.month = *m;
    d.day = static_cast<int>(accept_digits(c, 2));
    accept_ordinal_suffix(c);
  } else {
    const bool the = c.accept("the");
    d.day = static_cast<int>(accept_digits(c, 2));
    const bool ordinal = d.day >= 0 && accept_ordinal_suffix(c);
    const auto before_month = c.pos();
    c.accept("of");
    if (auto m = d.day >= 0 ? accept_name(c, kMonths) : std::nullopt) {
      d.month = *m;
    } else {
      c.reset(before_month);
      if (!the && !ordinal) d.day = -1;
    }
  }
  if (d.day < 0) {
    c.reset(start);
    return std::nullopt;
  }
  if (d.month != 0) {
    const auto before_year = c.pos();
    c.accept(",");
    d.year = accept_year(c, false);
    if (d.year == 0) c.reset(before_year);
  }
  return d;
}

// "1 tháng nữa", "2 tháng sau", "sau 1 tháng": the same day of a later month.
std::optional<DaySpec> match_month_offset(Cursor& c) {
  const auto start = c.pos();
  const bool after = c.accept("sau");
  const long n = c.accept_number(1, 24);
  if (n > 0 && c.accept("thang") && (after || c.accept_any({"nua", "sau"}))) {
    return DaySpec{.kind = DayKind::month_offset, .offset = static_cast<int>(n)};
  }
  c.reset(start);
  return std::nullopt;
}

std::optional<DaySpec> match_relative_day(Cursor& c) {
  auto offset = [](int n) { return DaySpec{.kind = DayKind::offset, .offset = n}; };
  if (auto d = match_month_offset(c)) return d;
  if (c.accept_seq({"hom", "nay"}) || c.accept("today")) return offset(0);
  if (c.accept("mai") || c.accept("tomorrow")) return offset(1);
  if (c.accept_seq({"the", "day", "after", "tomorrow"}) ||
      c.accept_seq({"day", "after", "tomorrow"}) || c.accept_unless("mot", "một")) {
    return offset(2);
  }
  if (c.accept_seq({"dau", "tuan"})) {  // "đầu tuần (sau)": Monday, a working day for a deadline
    if (c.accept("nay")) {
      return DaySpec{
          .kind = DayKind::weekday, .weekday = 1, .mode = WeekMode::this_week, .period = true};
    }
    c.accept_any({"sau", "toi"});
    return DaySpec{.kind = DayKind::next_week, .period = true};
  }
  if (c.accept_seq({"tuan", "sau"}) || c.accept_seq({"tuan", "toi"}) ||
      c.accept_seq({"next", "week"})) {
    return DaySpec{.kind = DayKind::next_week};
  }
  return std::nullopt;
}

// Which week or month after "cuối tuần"/"cuối tháng": 0 this, 1 next; -1 not said.
int accept_period_suffix(Cursor& c) {
  if (c.accept_any({"sau", "toi"})) return 1;
  if (c.accept("nay")) return 0;
  return -1;
}

// "cuối tháng 12": a month number, unless it is an hour or a date ("cuối tháng 17h").
int accept_month_number(Cursor& c) {
  const Token* t = c.peek();
  if (t == nullptr || t->kind != TokenKind::number || t->value < 1 || t->value > 12 ||
      c.is_any(1, {"h", "g", "gio", ":", "am", "pm", "/", "-", "."})) {
    return 0;
  }
  c.skip();
  return static_cast<int>(t->value);
}

DaySpec period_day(DayKind kind, int which, int fallback) {
  return DaySpec{.kind = kind, .offset = which < 0 ? fallback : which, .period = true};
}

// "end of [the] [this|next] week|month|quarter|year".
std::optional<DaySpec> match_english_period_end(Cursor& c) {
  const auto start = c.pos();
  if (!c.accept_seq({"end", "of"})) return std::nullopt;
  c.accept("the");
  const int which = c.accept("next") ? 1 : (c.accept("this") ? 0 : -1);
  if (c.accept("week")) {
    DaySpec d = period_day(DayKind::end_of_week, which, 0);
    d.rolls = which < 0;
    return d;
  }
  if (c.accept("month")) return period_day(DayKind::end_of_month, which, 0);
  if (c.accept("quarter")) return period_day(DayKind::end_of_quarter, which, 0);
  if (c.accept("year")) return period_day(DayKind::end_of_year, which, 0);
  c.reset(start);
  return std::nullopt;
}

// Ends and starts of periods: "cuối tuần", "trong tuần", "cuối tháng (12)", "đầu tháng (12)",
// "tháng sau", "cuối quý", "cuối năm".
std::optional<DaySpec> match_period_end(Cursor& c) {
  if (c.accept_seq({"cuoi", "tuan"}) || c.accept_seq({"trong", "tuan"})) {
    const int which = accept_period_suffix(c);
    DaySpec d = period_day(DayKind::end_of_week, which, 0);
    d.rolls = which < 0;
    return d;
  }
  const bool end = c.accept_seq({"cuoi", "thang"});
  if (end || c.accept_seq({"dau", "thang"})) {
    const DayKind kind = end ? DayKind::end_of_month : DayKind::start_of_month;
    if (const int month = accept_month_number(c); month > 0) {
      DaySpec d = period_day(kind, 0, 0);
      d.month = month;
      return d;
    }
    return period_day(kind, accept_period_suffix(c), end ? 0 : 1);
  }
  if (c.accept_seq({"thang", "sau"}) || c.accept_seq({"thang", "toi"})) {
    return period_day(DayKind::start_of_month, 1, 1);
  }
  if (c.accept_seq({"cuoi", "quy"})) {
    return period_day(DayKind::end_of_quarter, accept_period_suffix(c), 0);
  }
  if (c.accept_seq({"cuoi", "nam"})) {
    DaySpec d = period_day(DayKind::end_of_year, accept_period_suffix(c), 0);
    d.year = accept_year(c, false);
    return d;
  }
  return match_english_period_end(c);
}

// Which week a weekday is in, from the words around it.
WeekMode accept_week_suffix(Cursor& c, WeekMode mode) {
  if (c.accept_seq({"tuan", "sau"}) || c.accept_seq({"tuan", "toi"}) ||
      c.accept_seq({"next", "week"})) {
    return WeekMode::next_week;
  }
  if (c.accept_seq({"tuan", "nay"}) || c.accept_seq({"this", "week"})) return WeekMode::this_week;
  if (c.accept("nay")) return WeekMode::upcoming_or_today;
  // Only "tới" (coming) with its diacritics; a plain "toi" is left for "tối" (evening).
  if (c.accept_seq({"sap", "toi"}) || (c.is(0, "toi") && c.peek()->marked == "tới")) {
    if (c.is(0, "toi")) c.skip();
    return WeekMode::upcoming;
  }
  return mode;
}

std::optional<DaySpec> match_weekday_day(Cursor& c) {
  const auto start = c.pos();
  WeekMode mode = WeekMode::upcoming;
  if (c.accept("next")) {
    mode = WeekMode::next_week;
  } else if (c.accept_seq({"this", "coming"}) || c.accept("coming")) {
    mode = WeekMode::upcoming;
  } else if (c.accept("this")) {
    mode = WeekMode::upcoming_or_today;
  }
  bool plural = false;
  const auto wd = match_weekday(c, nullptr, &plural);
  if (!wd || plural) {
    c.reset(start);
    return std::nullopt;
  }
  const auto suffix_mode = accept_week_suffix(c, mode);
  if (suffix_mode != mode && mode != WeekMode::upcoming) {
    c.reset(start);  // "next friday next week"
    return std::nullopt;
  }
  return DaySpec{.kind = DayKind::weekday, .weekday = *wd, .mode = suffix_mode};
}

}  // namespace

bool is_plain_weekday(const DaySpec& d) {
  return d.kind == DayKind::weekday && d.mode == WeekMode::upcoming;
}

bool set_day(ParsedWhen& p, DaySpec d) {
  if (!p.day) {
    p.day = d;
    return true;
  }
  DaySpec& e = *p.day;
  if (!p.check_weekday && is_plain_weekday(e) && is_dated(d)) {
    p.check_weekday = e.weekday;  // "thứ Sáu, 04/12/2026": keep the date, check the weekday
    e = d;
    return true;
  }
  if (!p.check_weekday && is_dated(e) && is_plain_weekday(d)) {
    p.check_weekday = d.weekday;
    return true;
  }
  if (e.kind == DayKind::next_week && is_plain_weekday(d)) {  // "tuần sau thứ 6"
    e = d;
    e.mode = WeekMode::next_week;
    return true;
  }
  if (is_plain_weekday(e) && d.kind == DayKind::next_week) {
    e.mode = WeekMode::next_week;
    return true;
  }
  return false;
}

std::optional<unsigned> match_weekday(Cursor& c, bool* numeric, bool* plural) {
  const auto start = c.pos();
  auto done = [&](int wd, bool num, bool plu) -> std::optional<unsigned> {
    if (numeric != nullptr) *numeric = num;
    if (plural != nullptr) *plural = plu;
    return static_cast<unsigned>(wd);
  };
  if (c.accept("thu")) {
    if (const long n = c.accept_number(2, 7); n > 0)
      return done(static_cast<int>(n) - 1, true, false);
    if (auto wd = accept_name(c, kVietnameseOrdinals)) return done(*wd, false, false);
    c.reset(start);
    return std::nullopt;
  }
  if (c.accept_seq({"chu", "nhat"}) || c.accept("cn")) return done(0, false, false);
  if (c.is(0, "t") && c.is_number(1) && !c.peek(1)->spaced) {
    c.skip();
    if (const long n = c.accept_number(2, 7); n > 0)
      return done(static_cast<int>(n) - 1, true, false);
    c.reset(start);
    return std::nullopt;
  }
  if (auto wd = accept_name(c, kEnglishWeekdays)) return done(*wd, false, false);
  const Token* t = c.peek();
  if (t != nullptr && t->text.size() > 4 && t->text.back() == 's') {
    for (const auto& n : kEnglishWeekdays) {
      if (n.word.size() > 4 && t->text == std::string(n.word) + "s") {
        c.skip();
        return done(n.value, false, true);
      }
    }
  }
  return std::nullopt;
}

// "thứ 2, thứ 4", "thứ 2, 4 và 6", "T2, T4", "monday and wednesday".
std::optional<std::array<bool, 7>> match_weekday_list(Cursor& c, bool* plural) {
  bool numeric = false;
  const auto first = match_weekday(c, &numeric, plural);
  if (!first) return std::nullopt;
  std::array<bool, 7> days{};
  days[*first] = true;
  for (;;) {
    const auto before = c.pos();
    const bool comma = c.accept(",");
    const bool joined = c.accept_any({"va", "and", "&"});
    if (!comma && !joined) break;
    std::optional<unsigned> next = match_weekday(c);
    // "thứ 2, 4": a bare number continues a list of numbered weekdays unless it is an hour.
    if (!next && numeric &&
        !c.is_any(1, {"h", "g", "gio", ":", "am", "pm", "sang", "chieu", "toi", "trua", "dem"})) {
      if (const long n = c.accept_number(2, 7); n > 0) next = static_cast<unsigned>(n - 1);
    }
    if (!next) {
      c.reset(before);
      break;
    }
    days[*next] = true;
  }
  return days;
}

Step match_date(Cursor& c, ParsedWhen& p) {
  std::optional<DaySpec> d = match_numeric_date(c);
  if (!d) d = match_vietnamese_date(c);
  if (!d) d = match_relative_day(c);
  if (!d) d = match_period_end(c);
  if (!d) d = match_weekday_day(c);
  if (!d) d = match_english_date(c);
  if (!d) return Step::no;
  if (is_dated(*d) && d->year == 0) {  // "ngày 15/12 tới": the coming one, as without the word
    if (!c.accept_seq({"sap", "toi"}) && c.is(0, "toi") && c.peek()->marked == "tới") c.skip();
  }
  return set_day(p, *d) ? Step::yes : Step::fail;
}

}  // namespace wgbot::timeexpr::detail
