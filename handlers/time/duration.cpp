#include "handlers/time/duration.hpp"

namespace wgbot::timeexpr {
namespace detail {
namespace {

using std::chrono::minutes;

enum class Unit { minute, hour, day, working_day, week };

constexpr long kMaxCount = 100000;
constexpr minutes kMaxDuration{366 * 24 * 60};
constexpr minutes kMaxTotal{100L * 366 * 24 * 60};  // keeps sums of many pairs from overflowing

std::optional<Unit> accept_unit(Cursor& c) {
  if (c.accept_seq({"ngay", "lam", "viec"}) || c.accept_seq({"working", "days"}) ||
      c.accept_seq({"working", "day"}) || c.accept_seq({"business", "days"}) ||
      c.accept_seq({"business", "day"}) || c.accept_any({"workday", "workdays"})) {
    return Unit::working_day;
  }
  if (c.accept_any({"phut", "p", "m", "min", "mins", "minute", "minutes"})) return Unit::minute;
  if (c.accept_any({"gio", "g", "h", "tieng", "hr", "hrs", "hour", "hours"})) return Unit::hour;
  if (c.accept_any({"ngay", "d", "day", "days"})) return Unit::day;
  if (c.accept_any({"tuan", "w", "week", "weeks"})) return Unit::week;
  return std::nullopt;
}

minutes unit_length(Unit u) {
  switch (u) {
    case Unit::minute:
      return minutes{1};
    case Unit::hour:
      return minutes{60};
    case Unit::day:
    case Unit::working_day:
      return minutes{24 * 60};
    case Unit::week:
      return minutes{7 * 24 * 60};
  }
  return minutes{0};
}

// A count in half units (so "nửa" is 1 and "2" is 4), or -1.
long accept_half_count(Cursor& c) {
  if (c.accept_seq({"half", "an"}) || c.accept_seq({"half", "a"}) || c.accept("half")) return 1;
  if (c.is_any(1, {"tieng", "gio", "ngay", "tuan", "phut"}) && c.accept_unless("nua", "nữa")) {
    return 1;  // "nửa tiếng"
  }
  if (c.accept_unless("mot", "mốt") || c.accept_any({"a", "an", "one"})) return 2;
  if (c.accept_any({"hai", "two"})) return 4;
  if (c.accept_any({"ba", "three"})) return 6;
  const long n = c.accept_number(0, kMaxCount);
  return n < 0 ? -1 : 2 * n;
}

void add(Quantity& q, Unit u, long halves) {
  q.total += unit_length(u) * halves / 2;
  if (halves % 2 != 0) q.halves = true;
  if (u == Unit::minute || u == Unit::hour) q.clock_units = true;
  if (u == Unit::day || u == Unit::week) q.calendar_units = true;
  if (u == Unit::working_day) q.working_days = true;
  q.days += static_cast<int>(halves / 2) * (u == Unit::week ? 7 : 1);
}

// One "N unit" pair, with "1h30" minutes and a trailing "rưỡi".
bool match_pair(Cursor& c, Quantity& q) {
  const auto start = c.pos();
  long halves = accept_half_count(c);
  const auto unit = halves < 0 ? std::nullopt : accept_unit(c);
  if (!unit) {
    c.reset(start);
    return false;
  }
  if (c.accept("ruoi")) halves += 1;
  add(q, *unit, halves);
  const Token* next = c.peek();
  if (*unit == Unit::hour && next != nullptr && !next->spaced && next->kind == TokenKind::number &&
      next->value >= 0 && next->value < 60) {
    c.skip();  // "1h30": minutes written straight after the hour
    add(q, Unit::minute, 2 * next->value);
    c.accept_any({"p", "m", "phut"});
  }
  return true;
}

}  // namespace

std::optional<Quantity> match_quantity(Cursor& c) {
  const auto start = c.pos();
  Quantity q;
  if (!match_pair(c, q)) return std::nullopt;
  while (q.total <= kMaxTotal) {
    const auto before = c.pos();
    c.accept_any({"and", "va"});
    if (!match_pair(c, q)) {
      c.reset(before);
      break;
    }
  }
  if (q.total > kMaxTotal || (q.working_days && (q.clock_units || q.calendar_units))) {
    c.reset(start);
    return std::nullopt;
  }
  return q;
}

bool accept_relative_prefix(Cursor& c) {
  return c.accept_seq({"trong", "vong"}) || c.accept_any({"in", "sau", "trong", "after", "within"});
}

bool accept_relative_suffix(Cursor& c) {
  return c.accept_seq({"from", "now"}) || c.accept_unless("nua", "nửa") ||
         c.accept_any({"sau", "later"});
}

}  // namespace detail

std::optional<std::chrono::minutes> parse_duration(std::string_view text) {
  const auto tokens = detail::tokenize(text);
  detail::Cursor c(tokens);
  detail::accept_relative_prefix(c);
  const auto q = detail::match_quantity(c);
  if (!q || q->working_days) return std::nullopt;
  detail::accept_relative_suffix(c);
  if (!c.done() || q->total <= std::chrono::minutes{0} || q->total > detail::kMaxDuration) {
    return std::nullopt;
  }
  return q->total;
}

}  // namespace wgbot::timeexpr
