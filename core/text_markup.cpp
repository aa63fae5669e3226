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

}  // namespace wgbot
