#include "bot/zalo_bot/formatter.hpp"

#include <algorithm>

#include "core/text_markup.hpp"
#include "core/utf16.hpp"

namespace wgbot::zalo_bot {
namespace {

// Bytes of the longest prefix of `line` (at least one character) within `limit` units, ending
// after a space when one lies in the second half of that prefix.
std::size_t fit_prefix(std::string_view line, std::size_t limit) {
  std::size_t used = 0;
  std::size_t end = 0;
  while (end < line.size()) {
    const std::size_t cost = utf16_units_at(line, end);
    if (used + cost > limit && end > 0) break;
    used += cost;
    end += utf8_char_size(line, end);
  }
  if (end < line.size()) {
    const std::size_t space = line.substr(0, end).rfind(' ');
    if (space != std::string_view::npos && space + 1 >= end / 2) end = space + 1;
  }
  return end;
}

bool is_blank(const std::string& chunk) {
  return chunk.find_first_not_of(" \t\r\n") == std::string::npos;
}

}  // namespace

std::string message_text(const Outgoing& message) {
  std::string text = strip_bold_markup(message.text);
  if (!message.hint.empty()) {
    if (!text.empty() && text.back() != '\n') text += '\n';
    text += strip_bold_markup(message.hint);
  }
  return text;
}

std::vector<std::string> split_text(std::string_view text, std::size_t limit_units) {
  std::vector<std::string> chunks;
  std::string current;
  std::size_t current_units = 0;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t nl = text.find('\n', start);
    const std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    std::string_view line = text.substr(start, end - start);  // with its newline
    start = end;
    const std::size_t units = utf16_length(line);
    if (current_units + units <= limit_units) {
      current += line;
      current_units += units;
      continue;
    }
    if (!current.empty()) chunks.push_back(std::move(current));
    current.clear();
    while (utf16_length(line) > limit_units) {
      const std::size_t cut = fit_prefix(line, limit_units);
      chunks.emplace_back(line.substr(0, cut));
      line.remove_prefix(cut);
    }
    current = std::string(line);
    current_units = utf16_length(line);
  }
  if (!current.empty()) chunks.push_back(std::move(current));
  std::erase_if(chunks, is_blank);
  return chunks;
}

}  // namespace wgbot::zalo_bot
