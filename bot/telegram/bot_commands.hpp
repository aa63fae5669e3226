// The command menu registered with setMyCommands, built from the command table and the help
// lines of the message catalogue ("/cmd ARGS — description").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "bot/telegram/api_client.hpp"
#include "handlers/messages.hpp"

namespace wgbot::telegram {

// The text after the first "—" of a help line, trimmed (the whole line if there is none), cut
// to Telegram's 256 characters.
[[nodiscard]] std::string command_description(std::string_view help_line);

// One entry per command of the table. In Vietnamese the command's Vietnamese name (its first
// alias, `/giao`), with the English name after the description ("… (/task)"); in English the
// English name. Other aliases are typed, not listed.
[[nodiscard]] std::vector<BotCommand> bot_commands(Lang lang);

}  // namespace wgbot::telegram
