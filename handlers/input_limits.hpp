// Limits on what a user's text may make the bot store or say back: a title longer than a card
// can show is refused, and words the bot repeats (an unknown invite code) are cut short.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace wgbot {

// A task title, in characters (code points); a longer one is refused with a one-line reason.
inline constexpr std::size_t kMaxTitleChars = 300;
// What the bot repeats of a user's word in a reply (an invite code it did not recognise).
inline constexpr std::size_t kMaxEchoChars = 32;

// Characters (code points) in UTF-8 `text`.
[[nodiscard]] std::size_t count_chars(std::string_view text);

// `text` when it has at most `max_chars` characters; else its first `max_chars` and "…". Never
// cuts a character in two.
[[nodiscard]] std::string clip_for_echo(std::string_view text,
                                        std::size_t max_chars = kMaxEchoChars);

}  // namespace wgbot
