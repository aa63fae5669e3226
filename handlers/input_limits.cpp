#include "handlers/input_limits.hpp"

namespace wgbot {

namespace {

bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U;
}

}  // namespace

std::size_t count_chars(std::string_view text) {
  std::size_t chars = 0;
  for (const char c : text) {
    if (!is_continuation(c)) ++chars;
  }
  return chars;
}

std::string clip_for_echo(std::string_view text, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (is_continuation(text[i])) continue;
    if (chars++ == max_chars) return std::string(text.substr(0, i)) + "…";
  }
  return std::string(text);
}

}  // namespace wgbot
