#include "bot/zalo_oa/text_split.hpp"

#include "core/text_split.hpp"
#include "core/utf16.hpp"

namespace wgbot::zalo_oa {

std::size_t char_count(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t pos = 0; pos < text.size(); pos += utf8_char_size(text, pos)) ++count;
  return count;
}

std::vector<std::string> split_plain_text(std::string_view text, std::size_t limit) {
  // The shared splitter, measuring in characters instead of UTF-16 units.
  static const TextMeasure kCharacters{
      [](std::string_view part) { return char_count(part); },
      [](std::string_view /*part*/, std::size_t /*pos*/) { return std::size_t{1}; },
      [](std::string_view part) { return part.size(); }};  // a character takes at least a byte
  return split_text(text, limit, kCharacters);
}

}  // namespace wgbot::zalo_oa
