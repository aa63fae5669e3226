// /help: the commands this user may run, one example each.
#pragma once

#include "handlers/handler_context.hpp"

namespace wgbot {
void handle_help(HandlerContext& ctx);
}
