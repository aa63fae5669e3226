// /start [CODE]: greeting, and linking this account to a member with a one-time invite code.
#pragma once

#include "handlers/handler_context.hpp"

namespace wgbot {
void handle_start(HandlerContext& ctx);
}
