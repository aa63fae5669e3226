#include "handlers/help_handler.hpp"

#include "handlers/command_table.hpp"

namespace wgbot {

namespace {

// The help line with the command's Vietnamese aliases after its name:
// "/whois (/ai) TÊN — tra cứu thành viên".
std::string help_line(Lang lang, const CommandSpec& spec) {
  std::string line(text(lang, spec.help));
  // Some lines already show an alias in their usage (/task (/giao) …).
  if (spec.aliases.empty() || line.find("/" + std::string(spec.aliases[0])) != std::string::npos) {
    return line;
  }
  std::string aliases = " (";
  for (std::size_t i = 0; i < spec.aliases.size(); ++i) {
    if (i > 0) aliases += ", ";
    aliases += "/";
    aliases += spec.aliases[i];
  }
  aliases += ")";
  const std::string name = "/" + std::string(spec.name);
  const bool starts_with_name =
      line.starts_with(name) && (line.size() == name.size() || line[name.size()] == ' ');
  line.insert(starts_with_name ? name.size() : line.size(), aliases);
  return line;
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
