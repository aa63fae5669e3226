#include "bot/zalo_oa/text_split.hpp"

#include <algorithm>

#include "core/utf16.hpp"

namespace wgbot::zalo_oa {

namespace {

bool only_whitespace(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; });
}

// Bytes of the longest prefix of `line` with at most `limit` characters (at least one),
// ending after a space if one lies in the second half of that prefix.
std::size_t fit_prefix(std::string_view line, std::size_t limit) {
  std::size_t pos = 0;
  std::size_t chars = 0;
  std::size_t last_space_end = 0;
  while (pos < line.size() && (chars < limit || chars == 0)) {
    const std::size_t size = utf8_char_size(line, pos);
    if (line[pos] == ' ') last_space_end = pos + 1;
    pos += size;
    ++chars;
  }
  if (pos < line.size() && last_space_end > pos / 2) return last_space_end;
  return pos;
}

// The lines of `text`, each with its newline.
std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t nl = text.find('\n', start);
    const std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.push_back(text.substr(start, end - start));
    start = end;
  }
  return lines;
}

}  // namespace

std::size_t char_count(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t pos = 0; pos < text.size(); pos += utf8_char_size(text, pos)) ++count;
  return count;
}

std::vector<std::string> split_plain_text(std::string_view text, std::size_t limit) {
  std::vector<std::string> parts;
  std::string current;
  std::size_t current_chars = 0;
  auto flush = [&] {
    if (!only_whitespace(current)) parts.push_back(current);
    current.clear();
    current_chars = 0;
  };
  for (std::string_view line : lines_of(text)) {
    const std::size_t line_chars = char_count(line);
    if (current_chars + line_chars > limit) flush();
    while (char_count(line) > limit) {  // a line too long on its own
      const std::size_t cut = fit_prefix(line, limit);
      current = std::string(line.substr(0, cut));
      flush();
      line.remove_prefix(cut);
    }
    current += line;
    current_chars += char_count(line);
  }
  flush();
  return parts;
}

}  // namespace wgbot::zalo_oa
