// What a command handler sees: the message, who sent it, the database, the clock's reading, and
// the replies it produces. Handlers never call a platform; they only append to `out`.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "core/capabilities.hpp"
#include "core/inbound.hpp"
#include "core/outgoing.hpp"
#include "handlers/messages.hpp"
#include "storage/model.hpp"

namespace wgbot::storage {
class Connection;
}

namespace wgbot {

struct HandlerContext {
  storage::Connection& db;
  const Config& config;
  std::chrono::sys_seconds now;
  const Inbound& in;
  Account account;
  std::optional<Member> member;  // set when the account is linked to an active member
  Lang lang = Lang::vi;
  std::string command{};  // canonical name, e.g. "whois"
  std::string args{};
  std::vector<Outgoing> out{};
  Capabilities capabilities{};      // of the platform the message came from
  std::string telegram_username{};  // the bot's Telegram username (deep links); may be empty

  [[nodiscard]] std::int64_t now_seconds() const { return now.time_since_epoch().count(); }

  // A message back to the chat the command came from; in groups it replies to the sender's
  // message so the answer is addressed to them.
  void reply(std::string text, ButtonRows buttons = {});

  // When the command came from a button, replaces the message whose button was pressed (its
  // text and buttons), so a pressed card shows what changed and cannot be pressed twice.
  void update_pressed_message(std::string text, ButtonRows buttons = {});

  template <typename... Args>
  void reply_tr(Msg key, Args&&... args) {
    reply(tr(lang, key, std::forward<Args>(args)...));
  }
};

}  // namespace wgbot
