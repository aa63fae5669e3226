// The markup handlers write: `**bold**` within one line, and a whole line between backticks
// ("`Sở Nội vụ      4   2`") shown in a fixed-width font, so that the lines of a table stay
// aligned. Each platform renders it its own way (Telegram as HTML tags, Zalo Bot as plain text),
// so the reading lives here.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace wgbot {

inline constexpr std::string_view kBoldMarker = "**";
inline constexpr char kMonospaceMarker = '`';

// A line that starts and ends with a backtick (and has something between): its inside, shown in
// a fixed-width font; otherwise an empty view.
[[nodiscard]] inline std::string_view monospace_line(std::string_view line) {
  if (line.size() < 3 || line.front() != kMonospaceMarker || line.back() != kMonospaceMarker) {
    return {};
  }
  return line.substr(1, line.size() - 2);
}

// Calls emit(text, bold) for the pieces of one line: `**x**` pairs are bold, the rest plain.
// Unpaired `**` and an empty pair `****` stay literal.
template <typename Emit>
void for_each_markup_segment(std::string_view line, Emit&& emit) {
  std::size_t pos = 0;
  while (pos < line.size()) {
    const std::size_t open = line.find(kBoldMarker, pos);
    if (open == std::string_view::npos) break;
    const std::size_t close = line.find(kBoldMarker, open + kBoldMarker.size());
    if (close == std::string_view::npos) break;
    if (close == open + kBoldMarker.size()) {  // "****": nothing to make bold, keep it literal
      emit(line.substr(pos, close - pos), false);
      pos = close;
      continue;
    }
    if (open > pos) emit(line.substr(pos, open - pos), false);
    emit(line.substr(open + kBoldMarker.size(), close - open - kBoldMarker.size()), true);
    pos = close + kBoldMarker.size();
  }
  if (pos < line.size()) emit(line.substr(pos), false);
}

// Applies render_line(line, out) to each line of `text`, keeping the newlines.
template <typename RenderLine>
std::string map_lines(std::string_view text, RenderLine&& render_line) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t nl = text.find('\n', start);
    render_line(text.substr(start, nl - start), out);
    if (nl == std::string_view::npos) break;
    out += '\n';
    start = nl + 1;
  }
  return out;
}

// `plain` with the `**` of bold spans and the backticks of fixed-width lines removed, for places
// without formatting.
[[nodiscard]] std::string strip_bold_markup(std::string_view plain);

// What a platform without formatting or buttons shows: the text without bold markers, then the
// actions' `hint` (the commands the buttons stand for) on a line of its own, if there is one.
[[nodiscard]] std::string plain_text_with_hint(std::string_view text, std::string_view hint);

}  // namespace wgbot
