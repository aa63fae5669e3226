#include "bot/zalo_bot/formatter.hpp"

#include "core/text_markup.hpp"
#include "core/text_split.hpp"

namespace wgbot::zalo_bot {
std::string message_text(const Outgoing& message) {
  return plain_text_with_hint(message.text, message.hint);
}

std::vector<std::string> split_text(std::string_view text, std::size_t limit_units) {
  return wgbot::split_text(text, limit_units);
}

}  // namespace wgbot::zalo_bot
