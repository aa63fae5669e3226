// Cutting a long message into the chunks a platform accepts: whole lines while they fit, a longer
// line at a word break (else between characters), blank chunks dropped. Shared by the platforms'
// formatters, which differ only in the limit and in how rendering changes a text's size.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace wgbot {

// How a platform measures text in UTF-16 units once rendered.
struct TextMeasure {
  // The units of `text`; a chunk's size is the sum of its lines' sizes.
  std::function<std::size_t(std::string_view text)> units;
  // The units of the character at byte `pos`; may underestimate (a prefix is then shortened
  // until `units` says it fits).
  std::function<std::size_t(std::string_view text, std::size_t pos)> char_units;
  // Optional: a bound `units` never exceeds, cheaper to count; a text under the limit by this
  // bound is not measured (most messages are far below it).
  std::function<std::size_t(std::string_view text)> units_at_most;
};

// Plain text: UTF-16 units as they are.
[[nodiscard]] TextMeasure utf16_measure();

// Chunks of at most `limit_units` (a single character over the limit makes a chunk of its own).
// A line is cut after a space when one lies in the second half of what fits.
[[nodiscard]] std::vector<std::string> split_text(std::string_view text, std::size_t limit_units,
                                                  const TextMeasure& measure = utf16_measure());

}  // namespace wgbot
