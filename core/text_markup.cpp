#include "core/text_markup.hpp"

namespace wgbot {

std::string strip_bold_markup(std::string_view plain) {
  return map_lines(plain, [](std::string_view line, std::string& out) {
    if (const auto fixed = monospace_line(line); !fixed.empty()) {
      out += fixed;
      return;
    }
    for_each_markup_segment(line, [&out](std::string_view segment, bool) { out += segment; });
  });
}

std::string plain_text_with_hint(std::string_view text, std::string_view hint) {
  std::string out = strip_bold_markup(text);
  if (!hint.empty()) {
    if (!out.empty() && out.back() != '\n') out += '\n';
    out += strip_bold_markup(hint);
  }
  return out;
}

}  // namespace wgbot
