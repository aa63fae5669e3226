// Messages nobody asked for in that chat: to a member's preferred account, else to any linked
// account (never a console) whose private chat the bot knows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "config/config.hpp"
#include "core/outgoing.hpp"
#include "handlers/messages.hpp"
#include "storage/model.hpp"

namespace wgbot::storage {
class Connection;
}

namespace wgbot {

// nullopt when the member is unknown, inactive or has no reachable account (then the caller
// skips them silently).
std::optional<Outgoing> direct_message(storage::Connection& db, std::int64_t member_id,
                                       std::string text, ButtonRows buttons = {});

// The language a member reads: their own choice, else the deployment's.
Lang member_lang(const Config& config, const Member& member);

}  // namespace wgbot
