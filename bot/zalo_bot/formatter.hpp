// Outgoing messages as Zalo Bot text: plain (no parse_mode, so user text never meets markup
// rules that are not documented), the catalogue's `**bold**` markers removed, the actions'
// hint line appended since Zalo has no buttons, and split to the 2000-character limit.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/outgoing.hpp"

namespace wgbot::zalo_bot {

// sendMessage's `text` limit. Its unit is not documented, so it is counted in UTF-16 units, the
// stricter of the readings (a code point outside the BMP counts 2).
inline constexpr std::size_t kMaxMessageUnits = 2000;

// What the user should read: the text without bold markers, then the hint line, if any.
[[nodiscard]] std::string message_text(const Outgoing& message);

// Splits `text` into chunks of at most `limit_units` UTF-16 units, between lines (the newline
// stays with the earlier chunk); a line too long on its own is cut at a character boundary,
// after a space when one is in the second half. Blank chunks are dropped (Zalo needs 1 char).
[[nodiscard]] std::vector<std::string> split_text(std::string_view text,
                                                  std::size_t limit_units = kMaxMessageUnits);

}  // namespace wgbot::zalo_bot
