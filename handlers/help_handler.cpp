#include "handlers/help_handler.hpp"

#include "handlers/command_table.hpp"

namespace wgbot {

void handle_help(HandlerContext& ctx) {
  std::string body(text(ctx.lang, Msg::help_header));
  for (const auto& spec : command_table()) {
    if (!may_run(spec, ctx.member)) continue;
    body += '\n';
    body += text(ctx.lang, spec.help);
  }
  if (ctx.member) {
    body += "\n\n";
    body += text(ctx.lang, Msg::help_footer);
  }
  ctx.reply(std::move(body));
}

}  // namespace wgbot
