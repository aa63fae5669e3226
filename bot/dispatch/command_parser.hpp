// Splits "/cmd@BotName args" into its parts. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace wgbot {

struct ParsedCommand {
  std::string name;          // lower case, without '/'
  std::string bot_username;  // the part after '@', if any
  std::string args;          // trimmed
};

// nullopt when `text` is not a command (does not start with '/' followed by a name).
std::optional<ParsedCommand> parse_command(std::string_view text);

// Whether a command with this @suffix is for us. An empty suffix always is; when our own
// username is unknown (console) any suffix is accepted.
bool addressed_to_us(const ParsedCommand& command, std::string_view our_username);

}  // namespace wgbot
