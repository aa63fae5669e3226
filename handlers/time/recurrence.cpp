#include "handlers/time/recurrence.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <vector>

namespace wgbot::timeexpr {
namespace {

// RFC 5545 weekday codes by c_encoding.
constexpr std::array<std::string_view, 7> kDayCodes{"SU", "MO", "TU", "WE", "TH", "FR", "SA"};
constexpr int kSearchDays = 8 * 366;

std::string upper(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
  return out;
}

// Splits on `sep`, keeping empty pieces so "A;;B" is rejected.
std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const auto end = s.find(sep, start);
    parts.push_back(s.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

bool parse_by_day(std::string_view value, RRule& rule) {
  for (auto code : split(value, ',')) {
    const auto it = std::find(kDayCodes.begin(), kDayCodes.end(), code);
    if (it == kDayCodes.end()) return false;
    auto& flag = rule.by_day[static_cast<std::size_t>(it - kDayCodes.begin())];
    if (flag) return false;
    flag = true;
  }
  return true;
}

std::optional<int> parse_int(std::string_view value, int lo, int hi) {
  int n = 0;
  const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc{} || ptr != value.data() + value.size() || n < lo || n > hi) {
    return std::nullopt;
  }
  return n;
}

bool parse_month_day(std::string_view value, RRule& rule) {
  const auto n = parse_int(value, -1, 31);
  if (!n || *n == 0) return false;
  rule.by_month_day = *n;
  return true;
}

bool parse_month(std::string_view value, RRule& rule) {
  const auto n = parse_int(value, 1, 12);
  if (!n) return false;
  rule.by_month = *n;
  return true;
}

bool parse_interval(std::string_view value, RRule& rule) {
  const auto n = parse_int(value, 1, 12);
  if (!n) return false;
  rule.interval = *n;
  return true;
}

bool parse_freq(std::string_view value, RRule& rule) {
  if (value == "DAILY") {
    rule.freq = RRule::Freq::daily;
  } else if (value == "WEEKLY") {
    rule.freq = RRule::Freq::weekly;
  } else if (value == "MONTHLY") {
    rule.freq = RRule::Freq::monthly;
  } else if (value == "YEARLY") {
    rule.freq = RRule::Freq::yearly;
  } else {
    return false;
  }
  return true;
}

bool matches_month_day(const RRule& rule, const date::year_month_day& ymd,
                       const date::year_month_day& start_ymd) {
  if (rule.by_month_day < 0) {
    return ymd.day() ==
           date::year_month_day_last{ymd.year(), date::month_day_last{ymd.month()}}.day();
  }
  const unsigned want = rule.by_month_day != 0 ? static_cast<unsigned>(rule.by_month_day)
                                               : static_cast<unsigned>(start_ymd.day());
  return static_cast<unsigned>(ymd.day()) == want;
}

bool matches(const RRule& rule, date::sys_days day, date::sys_days start_day) {
  const date::year_month_day start_ymd{start_day};
  const auto wd = date::weekday{day}.c_encoding();
  const bool any_day =
      std::any_of(rule.by_day.begin(), rule.by_day.end(), [](bool b) { return b; });
  const date::year_month_day ymd{day};
  switch (rule.freq) {
    case RRule::Freq::daily:
      return !any_day || rule.by_day[wd];
    case RRule::Freq::weekly:
      return any_day ? rule.by_day[wd] : date::weekday{day} == date::weekday{start_day};
    case RRule::Freq::monthly: {
      const auto months = (ymd.year() / ymd.month()) - (start_ymd.year() / start_ymd.month());
      return months.count() % rule.interval == 0 && matches_month_day(rule, ymd, start_ymd);
    }
    case RRule::Freq::yearly: {
      const unsigned month = rule.by_month != 0 ? static_cast<unsigned>(rule.by_month)
                                                : static_cast<unsigned>(start_ymd.month());
      return static_cast<unsigned>(ymd.month()) == month && matches_month_day(rule, ymd, start_ymd);
    }
  }
  return false;
}

}  // namespace

std::optional<RRule> parse_rrule(std::string_view text) {
  const std::string s = upper(text);
  RRule rule;
  bool has_freq = false;
  bool has_by_day = false;
  bool has_month_day = false;
  bool has_month = false;
  bool has_interval = false;
  for (auto part : split(s, ';')) {
    const auto eq = part.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    const auto key = part.substr(0, eq);
    const auto value = part.substr(eq + 1);
    bool ok = false;
    if (key == "FREQ" && !has_freq) {
      ok = has_freq = parse_freq(value, rule);
    } else if (key == "BYDAY" && !has_by_day) {
      ok = has_by_day = parse_by_day(value, rule);
    } else if (key == "BYMONTHDAY" && !has_month_day) {
      ok = has_month_day = parse_month_day(value, rule);
    } else if (key == "BYMONTH" && !has_month) {
      ok = has_month = parse_month(value, rule);
    } else if (key == "INTERVAL" && !has_interval) {
      ok = has_interval = parse_interval(value, rule);
    }
    if (!ok) return std::nullopt;
  }
  if (!has_freq) return std::nullopt;
  const bool by_month_freq = rule.freq == RRule::Freq::monthly || rule.freq == RRule::Freq::yearly;
  if (has_by_day && by_month_freq) return std::nullopt;
  if (has_month_day && !by_month_freq) return std::nullopt;
  if (has_month && rule.freq != RRule::Freq::yearly) return std::nullopt;
  if (has_interval && rule.freq != RRule::Freq::monthly) return std::nullopt;
  return rule;
}

bool is_valid_rrule(std::string_view rrule) {
  return parse_rrule(rrule).has_value();
}

std::string format_rrule(const RRule& rule) {
  static constexpr std::array<std::string_view, 4> kFreq{"DAILY", "WEEKLY", "MONTHLY", "YEARLY"};
  std::string out("FREQ=");
  out.append(kFreq[static_cast<std::size_t>(rule.freq)]);
  if (rule.interval > 1) out.append(";INTERVAL=").append(std::to_string(rule.interval));
  const char* sep = ";BYDAY=";
  for (unsigned i = 1; i <= 7; ++i) {  // Monday first, as people read a week
    if (!rule.by_day[i % 7]) continue;
    out.append(sep).append(kDayCodes[i % 7]);
    sep = ",";
  }
  if (rule.by_month != 0) out.append(";BYMONTH=").append(std::to_string(rule.by_month));
  if (rule.by_month_day != 0) out.append(";BYMONTHDAY=").append(std::to_string(rule.by_month_day));
  return out;
}

std::optional<std::chrono::sys_seconds> next_occurrence(const Recurrence& rec,
                                                        std::chrono::sys_seconds start,
                                                        std::chrono::sys_seconds after,
                                                        const Calendar& cal) {
  const auto rule = parse_rrule(rec.rrule);
  if (!rule) return std::nullopt;
  const auto start_local = cal.to_local(start);
  const auto start_day = cal.local_day(start);
  const std::chrono::seconds tod = start_local - date::floor<date::days>(start_local);
  // A day before `after`'s local date covers any offset between the zone and UTC.
  auto day = std::max(start_day, cal.local_day(after) - date::days{1});
  for (int i = 0; i < kSearchDays; ++i, day += date::days{1}) {
    if (!matches(*rule, day, start_day)) continue;
    if (rec.skip_holidays && !cal.is_working_day(day)) continue;
    const auto t = cal.at(day, tod);
    if (t > after && t >= start) return t;
  }
  return std::nullopt;
}

}  // namespace wgbot::timeexpr
