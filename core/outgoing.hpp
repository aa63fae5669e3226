// What handlers produce: platform-blind messages that the outbox carries to a sender.
#pragma once

#include <string>
#include <vector>

namespace wgbot {

// An action the reader can take on a message. Platforms with buttons show `label` and send back
// `data` (written and read by handlers/actions.hpp); the others show the message's `hint`.
struct Button {
  std::string label;
  std::string data;  // the action, e.g. "done:12" (<= 64 bytes)
};

using ButtonRows = std::vector<std::vector<Button>>;

enum class OutKind {
  message,          // a new message
  callback_answer,  // acknowledges a button press (Telegram answerCallbackQuery)
  edit,             // replaces the text of a message the bot sent earlier
};

// A file sent with a message, whose text becomes its caption: the digest's chart (photo) or an
// export (document). Platforms that cannot send files send the text alone.
enum class FileKind { none, photo, document };

struct OutgoingFile {
  FileKind kind = FileKind::none;
  std::string name;          // e.g. "tasks.csv", "digest.png"
  std::string content_type;  // e.g. "text/csv", "image/png"
  std::string bytes;
};

struct Outgoing {
  OutKind kind = OutKind::message;
  std::string platform;
  std::string chat_id;
  std::string text;  // plain UTF-8; each platform's formatter escapes and splits it
  ButtonRows buttons;
  // The same actions spelled out as commands ("/xong 12"), for platforms without buttons;
  // empty: such a platform lists the buttons' labels, or nothing.
  std::string hint;
  std::string reply_to_message_id;  // platform message id to reply to, if any
  std::string callback_id;          // for callback_answer
  std::string edit_message_id;      // for edit
  OutgoingFile file;                // kind none: a text message
  // A reply in a group: the sender's private chat, where it goes instead if the platform refuses
  // to deliver to the group (group support on some platforms is partial).
  std::string private_fallback_chat_id;
};

}  // namespace wgbot
