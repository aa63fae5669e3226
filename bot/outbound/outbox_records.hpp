// The writer jobs that record what became of a delivery attempt in the outbox.
#pragma once

#include <cstdint>
#include <string>

#include "storage/writer.hpp"

namespace wgbot {

// One more part of a split message arrived; `parts_done` of them so far.
[[nodiscard]] storage::Writer::Job record_part_delivered(std::int64_t outbox_id, int parts_done);
// The whole message arrived.
// `in_parts`: the message was sent in several parts, so its progress is kept and must go.
[[nodiscard]] storage::Writer::Job record_delivered(std::int64_t outbox_id, std::int64_t now,
                                                    bool in_parts);
// Try again at `next_attempt_at` (Unix seconds); the row stays pending across restarts.
[[nodiscard]] storage::Writer::Job record_retry(std::int64_t outbox_id,
                                                std::int64_t next_attempt_at, std::string error);
// The message can never be delivered: failed, and its progress forgotten.
[[nodiscard]] storage::Writer::Job record_dropped(std::int64_t outbox_id, std::string error,
                                                  bool in_parts);
// The chat has a new id: the chat and its pending rows move there.
[[nodiscard]] storage::Writer::Job record_chat_migrated(std::string platform, std::string from,
                                                        std::string to, std::int64_t now);
// The chat blocked the bot or is gone: every pending row of it fails, the chat is marked
// inactive, and the audit log tells the admins.
[[nodiscard]] storage::Writer::Job record_chat_unreachable(std::string platform, std::string chat,
                                                           bool group, std::int64_t now,
                                                           std::string error);

}  // namespace wgbot
