// Turns a Zalo Bot update into an Inbound. The same update arrives in two shapes: a webhook body
// wrapped like an API answer ({"ok":true,"result":{…}}) or bare (also getUpdates' `result`), and
// both are read. There is no update_id: message.message_id is the dedupe key.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/inbound.hpp"

namespace wgbot::zalo_bot {

inline constexpr std::string_view kPlatformId = "zalo_bot";

enum class UpdateStatus {
  ok,         // `inbound` is filled
  ignored,    // an event wgbot does not handle: answer 200 and drop it
  malformed,  // not JSON, not an object, or a message event without message_id / chat id: 400
};

struct ParsedUpdate {
  UpdateStatus status = UpdateStatus::malformed;
  std::string event_name;
  Inbound inbound;     // set when status is ok
  std::string reason;  // why it was malformed or ignored, for the log
  // A field we read that came with another type ("message.text" a number): it was treated as
  // absent. "" when every field had its type.
  std::string wrong_type;
};

// `bot_names`: how the bot may be named in a group mention (from getMe). In a group a leading
// `@<bot name>` is removed so that the command behind it is read. Photos, stickers and voice
// messages become messages with empty text. Never throws; `inbound.raw` is `body` as given.
[[nodiscard]] ParsedUpdate parse_update(std::string_view body,
                                        const std::vector<std::string>& bot_names = {});

// The same for an update already parsed (getUpdates' `result`); `raw` is kept in the inbox.
[[nodiscard]] ParsedUpdate parse_update_json(const nlohmann::json& update, std::string raw,
                                             const std::vector<std::string>& bot_names = {});

// `text` without a leading mention of the bot: `@<one of bot_names>`, or — since how Zalo
// renders a mention is not documented — any leading `@…` that is directly followed by a
// command (" /"). Other text is returned unchanged.
[[nodiscard]] std::string strip_bot_mention(std::string_view text,
                                            const std::vector<std::string>& bot_names);

}  // namespace wgbot::zalo_bot
