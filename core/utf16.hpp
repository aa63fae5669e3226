// UTF-8 <-> UTF-16 offsets. Telegram counts entity offsets, entity lengths and message limits in
// UTF-16 code units, while wgbot keeps text as UTF-8.
#pragma once

#include <cstddef>
#include <string_view>

namespace wgbot {

// Bytes taken by the UTF-8 character starting at byte `pos` (1-4). A byte that does not start a
// well-formed sequence counts as a character of its own, the way a decoder would turn it into
// U+FFFD, so every walk over arbitrary input makes progress. Returns 0 when `pos` is at the end.
[[nodiscard]] std::size_t utf8_char_size(std::string_view utf8, std::size_t pos);

// UTF-16 code units of the UTF-8 character starting at `pos`: 2 outside the BMP, otherwise 1.
[[nodiscard]] std::size_t utf16_units_at(std::string_view utf8, std::size_t pos);

// Length of `utf8` in UTF-16 code units.
[[nodiscard]] std::size_t utf16_length(std::string_view utf8);

// Byte offset into `utf8` of the UTF-16 offset `units`. An offset inside a surrogate pair rounds
// down to the start of that character; an offset past the end gives utf8.size().
[[nodiscard]] std::size_t utf16_to_utf8_offset(std::string_view utf8, std::size_t units);

// The part of `utf8` that a Telegram entity (offset, length in UTF-16 units) covers.
[[nodiscard]] std::string_view utf16_substr(std::string_view utf8, std::size_t offset_units,
                                            std::size_t length_units);

}  // namespace wgbot
