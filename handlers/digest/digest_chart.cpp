#include "handlers/digest/digest_chart.hpp"

#include <cairo.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <string_view>
#include <vector>

namespace wgbot::digest {

namespace {

constexpr const char* kFont = "DejaVu Sans";
constexpr double kMargin = 40;
constexpr double kPlotTop = 170;
constexpr double kAxisWidth = 70;
constexpr double kLabelArea = 150;  // under the plot: up to four lines of a unit's name
constexpr int kMaxLabelLines = 4;

struct Rgb {
  double r, g, b;
};
// Đang làm (blue), quá hạn (the red that stands out), xong tuần này (a quiet green).
constexpr std::array<Rgb, 3> kColours = {Rgb{0.18, 0.44, 0.82}, Rgb{0.84, 0.19, 0.12},
                                         Rgb{0.45, 0.70, 0.42}};
constexpr std::array<Msg, 3> kSeries = {Msg::digest_column_open, Msg::digest_column_overdue,
                                        Msg::digest_column_done_week};

struct CairoDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};

void set_font(cairo_t* cr, double size, bool bold) {
  cairo_select_font_face(cr, kFont, CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
}

double text_width(cairo_t* cr, const std::string& s) {
  cairo_text_extents_t ext;
  cairo_text_extents(cr, s.c_str(), &ext);
  return ext.x_advance;
}

void draw_text(cairo_t* cr, const std::string& s, double x, double y) {
  cairo_move_to(cr, x, y);
  cairo_show_text(cr, s.c_str());
}

void draw_centred(cairo_t* cr, const std::string& s, double centre_x, double y) {
  draw_text(cr, s, centre_x - text_width(cr, s) / 2, y);
}

// Words of `s` packed into lines no wider than `width`; a word wider than a line gets its own.
std::vector<std::string> wrap(cairo_t* cr, std::string_view s, double width) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t pos = 0;
  while (pos < s.size()) {
    const std::size_t space = s.find(' ', pos);
    const std::string word(s.substr(pos, space - pos));
    pos = space == std::string_view::npos ? s.size() : space + 1;
    if (word.empty()) continue;
    const std::string candidate = line.empty() ? word : line + " " + word;
    if (line.empty() || text_width(cr, candidate) <= width) {
      line = candidate;
    } else {
      lines.push_back(line);
      line = word;
    }
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

// The largest font size (from 20 down to 12) at which `s` wraps into the allowed lines and no
// line is wider than `width`; the lines at that size.
std::vector<std::string> fit_label(cairo_t* cr, std::string_view s, double width) {
  for (double size = 20; size >= 12; size -= 1) {
    set_font(cr, size, false);
    auto lines = wrap(cr, s, width);
    const bool fits = static_cast<int>(lines.size()) <= kMaxLabelLines &&
                      std::all_of(lines.begin(), lines.end(),
                                  [&](const std::string& l) { return text_width(cr, l) <= width; });
    if (fits) return lines;
  }
  return wrap(cr, s, width);  // the smallest size; the layout clips what still does not fit
}

// A step of 1, 2 or 5 times a power of ten giving at most six grid lines up to `max`.
int tick_step(int max) {
  int scale = 1;
  for (;;) {
    for (const int m : {1, 2, 5}) {
      if (max <= m * scale * 6) return m * scale;
    }
    scale *= 10;
  }
}

// Tasks whose lead has no unit sort last.
constexpr std::int64_t kNoUnit = std::numeric_limits<std::int64_t>::max();

std::vector<UnitLine> chart_units(const DigestData& d) {
  std::vector<UnitLine> units = d.units;
  if (units.size() > kChartMaxUnits) {
    std::stable_sort(units.begin(), units.end(), [](const UnitLine& a, const UnitLine& b) {
      return a.open + a.overdue > b.open + b.overdue;
    });
    units.resize(kChartMaxUnits);
    std::stable_sort(units.begin(), units.end(), [](const UnitLine& a, const UnitLine& b) {
      return a.unit_id.value_or(kNoUnit) < b.unit_id.value_or(kNoUnit);
    });
  }
  return units;
}

std::string date_text(date::sys_days day) {
  const date::year_month_day ymd(day);
  return fmt::format("{:02}/{:02}/{:04}", static_cast<unsigned>(ymd.day()),
                     static_cast<unsigned>(ymd.month()), static_cast<int>(ymd.year()));
}

void draw_legend(cairo_t* cr, Lang lang) {
  set_font(cr, 24, false);
  double x = kMargin;
  const double y = 120;
  for (std::size_t i = 0; i < kSeries.size(); ++i) {
    const Rgb c = kColours.at(i);
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
    cairo_rectangle(cr, x, y - 20, 24, 24);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
    const std::string label(text(lang, kSeries.at(i)));
    draw_text(cr, label, x + 34, y);
    x += 34 + text_width(cr, label) + 40;
  }
}

struct Plot {
  double left, right, top, bottom;
  int max_value;
  [[nodiscard]] double y_of(int v) const {
    return bottom - (bottom - top) * static_cast<double>(v) / static_cast<double>(max_value);
  }
};

void draw_axis(cairo_t* cr, const Plot& p, int step) {
  set_font(cr, 18, false);
  cairo_set_line_width(cr, 1);
  for (int v = 0; v <= p.max_value; v += step) {
    const double y = std::round(p.y_of(v)) + 0.5;
    cairo_set_source_rgb(cr, 0.86, 0.86, 0.86);
    cairo_move_to(cr, p.left, y);
    cairo_line_to(cr, p.right, y);
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
    const std::string label = std::to_string(v);
    draw_text(cr, label, p.left - 12 - text_width(cr, label), y + 6);
  }
}

void draw_group(cairo_t* cr, Lang lang, const Plot& p, const UnitLine& u, double x0, double w) {
  const std::array<int, 3> values = {u.open, u.overdue, u.done_this_week};
  const double bar = std::min(56.0, w * 0.8 / 3);
  const double start = x0 + (w - bar * 3) / 2;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const Rgb c = kColours.at(i);
    const double x = start + bar * static_cast<double>(i);
    const double top = p.y_of(values.at(i));
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
    cairo_rectangle(cr, x + 2, top, bar - 4, p.bottom - top);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
    set_font(cr, std::min(18.0, bar * 0.6), true);
    draw_centred(cr, std::to_string(values.at(i)), x + bar / 2, top - 6);
  }
  const std::string name = u.unit_id ? u.name : std::string(text(lang, Msg::digest_no_unit));
  const auto lines = fit_label(cr, name, w - 10);
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  cairo_font_extents_t fe;
  cairo_font_extents(cr, &fe);
  double y = p.bottom + 12 + fe.ascent;
  for (std::size_t i = 0; i < lines.size() && static_cast<int>(i) < kMaxLabelLines; ++i) {
    draw_centred(cr, lines[i], x0 + w / 2, y);
    y += fe.height;
  }
}

cairo_status_t append_png(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data),  // NOLINT
                                             length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

std::string render_chart(Lang lang, const DigestData& data) {
  const std::vector<UnitLine> units = chart_units(data);
  if (units.empty()) return {};
  std::unique_ptr<cairo_surface_t, CairoDeleter> surface(
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, kChartWidth, kChartHeight));
  std::unique_ptr<cairo_t, CairoDeleter> context(cairo_create(surface.get()));
  cairo_t* cr = context.get();
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);

  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  set_font(cr, 36, true);
  draw_text(cr, tr(lang, Msg::digest_chart_title, date_text(data.day)), kMargin, 64);
  draw_legend(cr, lang);

  int max_value = 1;
  for (const auto& u : units)
    max_value = std::max({max_value, u.open, u.overdue, u.done_this_week});
  const int step = tick_step(max_value);
  const int top_value = (max_value + step - 1) / step * step;
  const Plot plot{kMargin + kAxisWidth, kChartWidth - kMargin, kPlotTop, kChartHeight - kLabelArea,
                  top_value};
  draw_axis(cr, plot, step);
  const double group = (plot.right - plot.left) / static_cast<double>(units.size());
  for (std::size_t i = 0; i < units.size(); ++i) {
    draw_group(cr, lang, plot, units[i], plot.left + group * static_cast<double>(i), group);
  }
  cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
  cairo_set_line_width(cr, 2);
  cairo_move_to(cr, plot.left, plot.bottom + 1);
  cairo_line_to(cr, plot.right, plot.bottom + 1);
  cairo_stroke(cr);

  cairo_surface_flush(surface.get());
  if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) return {};
  std::string png;
  if (cairo_surface_write_to_png_stream(surface.get(), append_png, &png) != CAIRO_STATUS_SUCCESS) {
    return {};
  }
  return png;
}

}  // namespace wgbot::digest
