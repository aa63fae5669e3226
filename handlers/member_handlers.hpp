// "Who is who": /whoami, /members, /whois, /units, and /lang.
#pragma once

#include "handlers/handler_context.hpp"

namespace wgbot {
void handle_whoami(HandlerContext& ctx);
void handle_members(HandlerContext& ctx);
void handle_whois(HandlerContext& ctx);
void handle_units(HandlerContext& ctx);
void handle_lang(HandlerContext& ctx);
// /notify here: unsolicited messages (nudges, digests, broadcasts) go to this account.
void handle_notify(HandlerContext& ctx);
}  // namespace wgbot
