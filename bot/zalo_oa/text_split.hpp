// Plain text cut into messages of at most N characters (Unicode code points: the OA counts
// characters, and its unit is not documented more precisely), by the shared splitter.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace wgbot::zalo_oa {

// Splits between lines (each newline stays at the end of the earlier part, so the parts
// concatenate to `text`); a line longer than `limit` on its own is cut at a character boundary,
// after a space when one lies in the second half. Parts of only whitespace are dropped, so empty
// text gives no parts.
[[nodiscard]] std::vector<std::string> split_plain_text(std::string_view text, std::size_t limit);

// Characters (code points) in `text`; an invalid byte counts as one.
[[nodiscard]] std::size_t char_count(std::string_view text);

}  // namespace wgbot::zalo_oa
