#include "bot/telegram/bot_commands.hpp"

#include "core/utf16.hpp"
#include "handlers/command_table.hpp"

namespace wgbot::telegram {

namespace {

constexpr std::string_view kDash = "\xE2\x80\x94";  // — (em dash)
constexpr std::size_t kMaxDescriptionUnits = 256;

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

}  // namespace

std::string command_description(std::string_view help_line) {
  const auto dash = help_line.find(kDash);
  std::string_view text =
      trim(dash == std::string_view::npos ? help_line : help_line.substr(dash + kDash.size()));
  text = text.substr(0, utf16_to_utf8_offset(text, kMaxDescriptionUnits));
  return std::string(text);
}

std::vector<BotCommand> bot_commands(Lang lang) {
  std::vector<BotCommand> commands;
  for (const CommandSpec& spec : command_table()) {
    const bool vi_name = lang == Lang::vi && !spec.aliases.empty();
    std::string description = command_description(text(lang, spec.help));
    if (description.empty()) description = std::string(spec.name);
    if (vi_name) {
      description = command_description(description + " (/" + std::string(spec.name) + ")");
    }
    commands.push_back(
        {std::string(vi_name ? spec.aliases.front() : spec.name), std::move(description)});
  }
  return commands;
}

}  // namespace wgbot::telegram
