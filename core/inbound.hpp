// The platform-neutral message every platform adapter produces.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wgbot {

enum class ChatKind { private_chat, group };

// What kind of update this is; only `message`, `callback` and `followed` reach the command router.
enum class InboundKind {
  message,         // a new text message (may be a command)
  edited_message,  // stored for dedupe, never re-run
  callback,        // an inline-button press
  chat_joined,     // the bot was added to a group
  chat_left,       // the bot was removed from a group
  chat_migrated,   // a group became a supergroup (new id in `migrate_to_chat_id`)
  followed,        // a user began following the account (Zalo OA): greeted as `/start` is
  ignored,         // a known update we do nothing with
};

// A mention of a user that has no @username (Telegram `text_mention`): the text as shown and the
// platform user id behind it, so `/task` can resolve the assignee.
struct TextMention {
  std::string shown;
  std::string user_id;
};

struct Inbound {
  std::string platform;    // "telegram", "zalo_bot", "zalo_oa", "console"
  std::string update_key;  // unique per platform: the inbox dedupe key
  InboundKind kind = InboundKind::message;
  std::string chat_id;
  ChatKind chat_kind = ChatKind::private_chat;
  std::string chat_title;
  std::string sender_id;            // the platform's user id
  std::string sender_name;          // display name as the platform gives it
  std::string sender_username;      // Telegram @username without '@', if any
  std::string sender_language;      // IETF tag from the platform, if any
  std::string message_id;           // the platform's id of this message, for replies
  std::string text;                 // UTF-8; for callbacks the command the button stands for
  std::string reply_to_text;        // text of the message this one replies to, if any
  std::string callback_id;          // callback query id, to answer the button press
  std::string callback_message_id;  // the bot message whose button was pressed
  std::string migrate_to_chat_id;
  std::vector<TextMention> text_mentions;
  std::chrono::sys_seconds sent_at{};
  std::string raw;  // the payload as received, kept in the inbox
};

}  // namespace wgbot
