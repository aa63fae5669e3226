#include "bot/dispatch/command_parser.hpp"

#include <cctype>

#include "core/text_fold.hpp"

namespace wgbot {

namespace {

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<ParsedCommand> parse_command(std::string_view text) {
  text = trim(text);
  if (text.size() < 2 || text.front() != '/') return std::nullopt;
  std::size_t i = 1;
  while (i < text.size() && is_name_char(text[i])) ++i;
  if (i == 1) return std::nullopt;
  ParsedCommand cmd;
  for (std::size_t k = 1; k < i; ++k) {
    cmd.name += static_cast<char>(std::tolower(static_cast<unsigned char>(text[k])));
  }
  if (i < text.size() && text[i] == '@') {
    const std::size_t start = ++i;
    while (i < text.size() && is_name_char(text[i])) ++i;
    cmd.bot_username = std::string(text.substr(start, i - start));
  }
  // A name glued to other text ("/done12x" is fine as "/done12x", "/whois:" is not a command).
  if (i < text.size() && text[i] != ' ' && text[i] != '\n' && text[i] != '\t') return std::nullopt;
  cmd.args = std::string(trim(text.substr(i)));
  return cmd;
}

bool addressed_to_us(const ParsedCommand& command, std::string_view our_username) {
  if (command.bot_username.empty() || our_username.empty()) return true;
  return iequals(command.bot_username, our_username);
}

}  // namespace wgbot
