#include "core/text_split.hpp"

#include <algorithm>
#include <iterator>

#include "core/utf16.hpp"

namespace wgbot {
namespace {

// Bytes of the longest prefix of `line` (at least one character) that fits `limit`, ending after
// a space if one lies in the second half of that prefix.
std::size_t fit_prefix(std::string_view line, std::size_t limit, const TextMeasure& measure) {
  std::vector<std::size_t> ends;  // byte offset after each character that fits
  std::size_t used = 0;
  for (std::size_t pos = 0; pos < line.size();) {
    const std::size_t cost = measure.char_units(line, pos);
    if (used + cost > limit && !ends.empty()) break;
    used += cost;
    pos += utf8_char_size(line, pos);
    ends.push_back(pos);
  }
  std::size_t end = ends.back();
  if (end < line.size()) {
    const std::size_t space = line.substr(0, end).rfind(' ');
    if (space != std::string_view::npos && space + 1 >= end / 2) end = space + 1;
  }
  // Rendering may add more than the characters' estimate (markup): back off until it fits.
  while (end > ends.front() && measure.units(line.substr(0, end)) > limit) {
    end = *std::prev(std::lower_bound(ends.begin(), ends.end(), end));
  }
  return end;
}

// Platforms reject a blank message (Telegram: "message text is empty").
bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

TextMeasure utf16_measure() {
  return TextMeasure{
      [](std::string_view text) { return utf16_length(text); },
      [](std::string_view text, std::size_t pos) { return utf16_units_at(text, pos); },
      [](std::string_view text) { return text.size(); }};  // a unit takes at least a byte
}

std::vector<std::string> split_text(std::string_view text, std::size_t limit_units,
                                    const TextMeasure& measure) {
  std::vector<std::string> chunks;
  // The common case: one measure (or a bound), not one per line.
  if ((measure.units_at_most && measure.units_at_most(text) <= limit_units) ||
      measure.units(text) <= limit_units) {
    if (!is_blank(text)) chunks.emplace_back(text);
    return chunks;
  }
  std::string current;
  std::size_t current_units = 0;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t nl = text.find('\n', start);
    const std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    std::string_view line = text.substr(start, end - start);  // with its newline
    start = end;
    const std::size_t units = measure.units(line);
    if (current_units + units <= limit_units) {
      current += line;
      current_units += units;
      continue;
    }
    if (!current.empty()) chunks.push_back(std::move(current));
    current.clear();
    while (measure.units(line) > limit_units) {
      const std::size_t cut = fit_prefix(line, limit_units, measure);
      chunks.emplace_back(line.substr(0, cut));
      line.remove_prefix(cut);
    }
    current = std::string(line);
    current_units = measure.units(line);
  }
  if (!current.empty()) chunks.push_back(std::move(current));
  std::erase_if(chunks, [](const std::string& chunk) { return is_blank(chunk); });
  return chunks;
}

}  // namespace wgbot
