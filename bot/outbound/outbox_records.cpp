#include "bot/outbound/outbox_records.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <utility>

#include "storage/audit_repository.hpp"
#include "storage/chat_repository.hpp"
#include "storage/connection.hpp"
#include "storage/outbox_lanes.hpp"
#include "storage/outbox_repository.hpp"

namespace wgbot {

storage::Writer::Job record_part_delivered(std::int64_t outbox_id, int parts_done) {
  return [outbox_id, parts_done](storage::Connection& db) {
    storage::OutboxLanes(db).set_parts_done(outbox_id, parts_done);
  };
}

storage::Writer::Job record_delivered(std::int64_t outbox_id, std::int64_t now, bool in_parts) {
  return [outbox_id, now, in_parts](storage::Connection& db) {
    storage::OutboxRepository(db).mark_sent(outbox_id, now);
    if (in_parts) storage::OutboxLanes(db).clear_parts_done(outbox_id);
  };
}

storage::Writer::Job record_retry(std::int64_t outbox_id, std::int64_t next_attempt_at,
                                  std::string error) {
  return [outbox_id, next_attempt_at, error = std::move(error)](storage::Connection& db) {
    storage::OutboxRepository(db).mark_retry(outbox_id, next_attempt_at, error);
  };
}

storage::Writer::Job record_dropped(std::int64_t outbox_id, std::string error, bool in_parts) {
  return [outbox_id, error = std::move(error), in_parts](storage::Connection& db) {
    storage::OutboxRepository(db).mark_failed(outbox_id, error);
    if (in_parts) storage::OutboxLanes(db).clear_parts_done(outbox_id);
  };
}

storage::Writer::Job record_chat_migrated(std::string platform, std::string from, std::string to,
                                          std::int64_t now) {
  return [platform = std::move(platform), from = std::move(from), to = std::move(to),
          now](storage::Connection& db) {
    storage::ChatRepository(db).migrate(platform, from, to, now);
  };
}

storage::Writer::Job record_chat_unreachable(std::string platform, std::string chat, bool group,
                                             std::int64_t now, std::string error) {
  return [platform = std::move(platform), chat = std::move(chat), group, now,
          error = std::move(error)](storage::Connection& db) {
    storage::OutboxLanes lanes(db);
    // Replies to a group's commands go to their senders privately instead of being lost.
    const int rerouted = group ? lanes.reroute_to_private(platform, chat) : 0;
    const int dropped = lanes.fail_chat(platform, chat, error);
    storage::ChatRepository chats(db);
    chats.upsert(platform, chat, group, "", now);  // private chats have no row until now
    chats.set_active(platform, chat, false, now);
    storage::AuditRepository(db).write(AuditEntry{
        0, now, "system", "chat_unreachable", platform + ":" + chat, "active",
        "inactive: " + error + " (" + std::to_string(dropped) + " pending message(s) dropped, " +
            std::to_string(rerouted) + " sent privately instead)"});
  };
}

}  // namespace wgbot
