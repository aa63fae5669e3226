#include "handlers/digest/digest_text.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>

#include "handlers/actions.hpp"

namespace wgbot::digest {

namespace {

using std::chrono::sys_seconds;

// The widest unit name the table shows before cutting it (phones show ~55 fixed-width columns).
constexpr std::size_t kUnitNameWidth = 24;

constexpr std::array<Msg, 7> kWeekdays = {Msg::weekday_sun, Msg::weekday_mon, Msg::weekday_tue,
                                          Msg::weekday_wed, Msg::weekday_thu, Msg::weekday_fri,
                                          Msg::weekday_sat};

std::string_view weekday_name(Lang lang, date::sys_days day) {
  return text(lang, kWeekdays.at(date::weekday(day).c_encoding()));
}

std::string full_date(date::sys_days day) {
  const date::year_month_day ymd(day);
  return fmt::format("{:02}/{:02}/{:04}", static_cast<unsigned>(ymd.day()),
                     static_cast<unsigned>(ymd.month()), static_cast<int>(ymd.year()));
}

std::string short_due(Lang lang, sys_seconds due, const timeexpr::Calendar& cal) {
  const auto local = cal.to_local(due);
  const auto day = date::floor<date::days>(local);
  const date::year_month_day ymd(day);
  const date::hh_mm_ss tod(local - day);
  return tr(
      lang, Msg::digest_due_format,
      fmt::arg("time", fmt::format("{:02}:{:02}", tod.hours().count(), tod.minutes().count())),
      fmt::arg("weekday", text(lang, kWeekdays.at(date::weekday(day).c_encoding()))),
      fmt::arg("date", fmt::format("{:02}/{:02}", static_cast<unsigned>(ymd.day()),
                                   static_cast<unsigned>(ymd.month()))));
}

std::string who(Lang lang, const DigestTask& t) {
  if (t.lead_name.empty()) return std::string(text(lang, Msg::digest_no_lead));
  if (t.unit_name.empty()) return tr(lang, Msg::digest_who_lead, t.lead_name);
  return tr(lang, Msg::digest_who_unit_lead, fmt::arg("unit", t.unit_name),
            fmt::arg("lead", t.lead_name));
}

// `text` cut to `width` columns (with "…" when cut) and padded with spaces to it.
std::string fit(std::string_view text, std::size_t width, bool right) {
  std::string out(text);
  if (display_width(out) > width) {
    // Cut at a character boundary until the text and the ellipsis fit.
    while (!out.empty() && display_width(out) + 1 > width) {
      std::size_t cut = out.size() - 1;
      while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0U) == 0x80U) --cut;
      out.erase(cut);
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += "…";
  }
  const std::string pad(width - std::min(width, display_width(out)), ' ');
  return right ? pad + out : out + pad;
}

class Writer {
 public:
  explicit Writer(Lang lang) : lang_(lang) {}

  void line(std::string s) {
    text_ += s;
    text_ += '\n';
  }
  void blank() {
    if (!text_.empty() && !text_.ends_with("\n\n")) text_ += '\n';
  }
  std::string take() {
    while (text_.ends_with('\n')) text_.pop_back();
    return std::move(text_);
  }
  [[nodiscard]] Lang lang() const { return lang_; }

 private:
  Lang lang_;
  std::string text_;
};

void write_heading(Writer& w, const DigestData& d, const TextOptions& o) {
  const Lang lang = w.lang();
  w.line(tr(lang, Msg::digest_title, fmt::arg("weekday", weekday_name(lang, d.day)),
            fmt::arg("date", full_date(d.day))));
  w.line(std::string(text(lang, Msg::digest_subtitle)));
  if (!d.working_day) {
    w.line(tr(lang, Msg::digest_day_off,
              fmt::arg("weekday", weekday_name(lang, d.next_working_day)),
              fmt::arg("date", full_date(d.next_working_day))));
  }
  if (o.late) w.line(std::string(text(lang, Msg::digest_late)));
}

void write_counts(Writer& w, const DigestData& d, const TextOptions& o) {
  const Lang lang = w.lang();
  const DigestCounts& c = d.counts;
  w.blank();
  if (c.total() == 0) {
    w.line(std::string(text(lang, Msg::digest_nothing_tracked)));
    return;
  }
  w.line(tr(lang, Msg::digest_total, c.total()));
  w.line(tr(lang, Msg::digest_done_counts, c.done_on_time, c.done_late));
  w.line(tr(lang, Msg::digest_open_counts, c.on_time, c.overdue));
  if (o.no_progress_days > 0 && c.no_progress > 0) {
    w.line(tr(lang, Msg::digest_no_progress_count, fmt::arg("days", o.no_progress_days),
              fmt::arg("count", c.no_progress)));
  }
  if (const auto rate = c.on_time_rate()) w.line(tr(lang, Msg::digest_rate, *rate));
}

void write_overdue(Writer& w, const DigestData& d, const TextOptions& o) {
  const Lang lang = w.lang();
  if (d.counts.total() == 0) return;
  w.blank();
  if (d.overdue.empty()) {
    w.line(std::string(text(lang, Msg::digest_no_overdue)));
    return;
  }
  w.line(tr(lang, Msg::digest_overdue_header, d.overdue.size()));
  const std::size_t shown = std::min(d.overdue.size(), o.max_overdue);
  for (std::size_t i = 0; i < shown; ++i) {
    const DigestTask& t = d.overdue[i];
    std::string item =
        tr(lang, Msg::digest_overdue_item, fmt::arg("n", i + 1), fmt::arg("id", t.id),
           fmt::arg("title", t.title), fmt::arg("who", who(lang, t)),
           fmt::arg("days", t.overdue_days), fmt::arg("reminders", t.reminders));
    if (t.escalated) item += text(lang, Msg::digest_escalated);
    w.line(std::move(item));
  }
  if (d.overdue.size() > shown)
    w.line(tr(lang, Msg::digest_more_overdue, d.overdue.size() - shown));
}

void write_due(Writer& w, const DigestData& d, const timeexpr::Calendar& cal,
               const TextOptions& o) {
  const Lang lang = w.lang();
  if (d.due_soon.empty()) return;
  w.blank();
  w.line(tr(lang, Msg::digest_due_header, fmt::arg("days", o.due_window_working_days),
            fmt::arg("count", d.due_soon.size())));
  const std::size_t shown = std::min(d.due_soon.size(), o.max_due);
  for (std::size_t i = 0; i < shown; ++i) {
    const DigestTask& t = d.due_soon[i];
    w.line(tr(lang, Msg::digest_due_item, fmt::arg("id", t.id), fmt::arg("title", t.title),
              fmt::arg("due", short_due(lang, t.due.value_or(sys_seconds{}), cal)),
              fmt::arg("unit", t.unit_name.empty() ? std::string() : " — " + t.unit_name)));
  }
  if (d.due_soon.size() > shown) w.line(tr(lang, Msg::digest_more_due, d.due_soon.size() - shown));
}

void write_since(Writer& w, const DigestData& d) {
  const Lang lang = w.lang();
  std::string line;
  if (d.completed_since > 0) line = tr(lang, Msg::digest_completed_since, d.completed_since);
  if (d.created_since > 0) {
    if (!line.empty()) line += " · ";
    line += tr(lang, Msg::digest_created_since, d.created_since);
  }
  if (line.empty()) return;
  w.blank();
  w.line(std::move(line));
}

void write_units(Writer& w, const DigestData& d, const TextOptions& o) {
  const Lang lang = w.lang();
  if (d.units.empty()) return;
  std::size_t name_width = display_width(text(lang, Msg::digest_column_unit));
  for (const auto& u : d.units) {
    const std::string name = u.unit_id ? u.name : std::string(text(lang, Msg::digest_no_unit));
    name_width = std::max(name_width, display_width(name));
  }
  name_width = std::min(name_width, kUnitNameWidth);
  const std::array<Msg, 3> columns = {Msg::digest_column_open, Msg::digest_column_overdue,
                                      Msg::digest_column_done_week};
  std::array<std::size_t, 3> widths{};
  std::string header = fit(text(lang, Msg::digest_column_unit), name_width, false);
  for (std::size_t i = 0; i < columns.size(); ++i) {
    widths.at(i) = display_width(text(lang, columns.at(i)));
    header += "  " + std::string(text(lang, columns.at(i)));
  }
  w.blank();
  w.line(std::string(text(lang, Msg::digest_units_header)));
  w.line("`" + header + "`");
  const std::size_t shown = std::min(d.units.size(), o.max_units);
  for (std::size_t i = 0; i < shown; ++i) {
    const UnitLine& u = d.units[i];
    const std::string name = u.unit_id ? u.name : std::string(text(lang, Msg::digest_no_unit));
    std::string row = fit(name, name_width, false);
    const std::array<int, 3> values = {u.open, u.overdue, u.done_this_week};
    for (std::size_t c = 0; c < values.size(); ++c) {
      row += "  " + fit(std::to_string(values.at(c)), widths.at(c), true);
    }
    w.line("`" + row + "`");
  }
  if (d.units.size() > shown) w.line(tr(lang, Msg::digest_more_units, d.units.size() - shown));
}

}  // namespace

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());  // NOLINT: C API
  auto left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) {  // invalid byte: counts as one column
      ++width;
      ++p;  // NOLINT: pointer walk over the C buffer
      --left;
      continue;
    }
    const utf8proc_category_t cat = utf8proc_category(cp);
    if (cat != UTF8PROC_CATEGORY_MN && cat != UTF8PROC_CATEGORY_ME) ++width;
    p += n;  // NOLINT: pointer walk over the C buffer
    left -= n;
  }
  return width;
}

DigestMessage digest_message(Lang lang, const DigestData& data, const timeexpr::Calendar& cal,
                             const TextOptions& options) {
  Writer w(lang);
  write_heading(w, data, options);
  write_counts(w, data, options);
  write_overdue(w, data, options);
  write_due(w, data, cal, options);
  write_since(w, data);
  write_units(w, data, options);
  DigestMessage out;
  out.text = w.take();
  if (!data.overdue.empty()) {
    out.buttons = {{Button{std::string(text(lang, Msg::digest_button_overdue)),
                           std::string(kOverdueListAction)}}};
    out.hint = std::string(text(lang, Msg::digest_hint));
  }
  return out;
}

}  // namespace wgbot::digest
