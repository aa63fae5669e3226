#include "handlers/help_handler.hpp"

#include "handlers/command_table.hpp"

namespace wgbot {

namespace {

bool starts_with_word(const std::string& line, const std::string& word) {
  return line.starts_with(word) && (line.size() == word.size() || line[word.size()] == ' ');
}

// The help line with both names of the command, the reader's language first:
// "/ai (/whois) TÊN — tra cứu thành viên" in Vietnamese, "/whois (/ai) NAME — …" in English.
std::string help_line(Lang lang, const CommandSpec& spec) {
  std::string line(text(lang, spec.help));
  if (spec.aliases.empty()) return line;
  const std::string english = "/" + std::string(spec.name);
  const std::string vietnamese = "/" + std::string(spec.aliases[0]);
  // Lines written with both names already (/giao (/task) …) stay as they are.
  if (line.find(english) != std::string::npos && line.find(vietnamese) != std::string::npos) {
    return line;
  }
  const std::string& first = lang == Lang::vi ? vietnamese : english;
  const std::string& second = lang == Lang::vi ? english : vietnamese;
  std::string rest;
  if (starts_with_word(line, english)) {
    rest = line.substr(english.size());
  } else if (starts_with_word(line, vietnamese)) {
    rest = line.substr(vietnamese.size());
  } else {
    return line + " (" + english + ", " + vietnamese + ")";
  }
  return first + " (" + second + ")" + rest;
}

}  // namespace

// Derived from the command table and the same may_run the dispatcher consults, so it never
// offers a command the reader may not run.
void handle_help(HandlerContext& ctx) {
  std::string body(text(ctx.lang, Msg::help_header));
  for (const auto& spec : command_table()) {
    if (!may_run(spec, ctx.member)) continue;
    body += '\n';
    body += help_line(ctx.lang, spec);
  }
  if (ctx.member) {
    body += "\n\n";
    body += text(ctx.lang, Msg::help_footer);
  }
  ctx.reply(std::move(body));
}

}  // namespace wgbot
