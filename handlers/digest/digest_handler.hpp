// /digest (/baocao): the digest on demand, in the chat it was asked from, for the chairman, the
// vice-chairman, the standing member and admins.
#pragma once

#include "handlers/handler_context.hpp"

namespace wgbot {

void handle_digest(HandlerContext& ctx);

}  // namespace wgbot
