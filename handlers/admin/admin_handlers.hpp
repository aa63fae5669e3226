// The admin commands in chat. The dispatcher lets only admins reach them (the command table).
#pragma once

#include "handlers/handler_context.hpp"

namespace wgbot {
// roster_handlers.cpp
void handle_addunit(HandlerContext& ctx);
void handle_addmember(HandlerContext& ctx);
void handle_editmember(HandlerContext& ctx);
void handle_deactivate(HandlerContext& ctx);
void handle_setrole(HandlerContext& ctx);
void handle_admin(HandlerContext& ctx);
void handle_invite(HandlerContext& ctx);
// broadcast.cpp
void handle_broadcast(HandlerContext& ctx);
// export_handler.cpp
void handle_export(HandlerContext& ctx);
// settings_handler.cpp
void handle_settings(HandlerContext& ctx);
// audit_handler.cpp
void handle_audit(HandlerContext& ctx);
}  // namespace wgbot
