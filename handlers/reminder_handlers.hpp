// /remind, /reminders, /unremind, /snooze: reminders a member sets for a chat.
#pragma once

#include "handlers/handler_context.hpp"

namespace wgbot {

void handle_remind(HandlerContext& ctx);
void handle_reminders(HandlerContext& ctx);
void handle_unremind(HandlerContext& ctx);
void handle_snooze(HandlerContext& ctx);

}  // namespace wgbot
