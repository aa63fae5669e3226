// What an outbox sender needs beyond OutboxRepository: per-chat "lanes" so a chat's messages go
// out in order without one busy chat holding up the others, and the progress of a message that
// is sent in several parts (kept in the state table, so a restart resumes after the last part).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "storage/outbox_repository.hpp"

namespace wgbot::storage {

class Connection;

struct LaneHead {
  // As read, row.message has the platform, chat and kind only; read_message parses the body.
  OutboxRow row;
  std::string body;
  std::string file;  // the file's bytes, when the message carries one
  std::int64_t next_attempt_at = 0;
  int parts_done = 0;       // parts of a split message already delivered
  bool group_chat = false;  // the chat is known as a group (groups have a slower rate limit)

  bool message_read = false;

  // Fills row.message from the body (once).
  void read_message();
  // A row as the commit that wrote it handed it over: what a read of it would bring, with the
  // message already read.
  static LaneHead committed(const CommittedOutboxRow& row);
  // Bytes held for the row (body and file), for a memory budget.
  [[nodiscard]] std::size_t bytes() const { return body.size() + file.size(); }

 private:
  // The file goes with the message only with its bytes: a file without them is no file.
  void attach_file();
};

// Pending rows read by id (see OutboxLanes::pending_after), and the outbox's highest id at the
// moment of the read.
struct PendingRows {
  std::vector<LaneHead> rows;
  std::int64_t top_id = 0;  // MAX(id) of the outbox in the read's snapshot
  bool complete = true;     // false: the limit cut the list; rows after the last one remain
};

// A lane is one chat's messages, or one chat's button-press answers (those need not wait for
// the chat's messages). Only a lane's oldest pending row may be sent (the sender keeps the lanes:
// bot/outbound/pending_outbox.hpp).
class OutboxLanes {
 public:
  explicit OutboxLanes(storage::Connection& db) : db_(db) {}

  // Every pending row of `platform` with an id above `after_id`, in id order, at most `limit`,
  // read in one snapshot with the outbox's highest id. A walk along the primary key from
  // `after_id`: a sender that has seen the rows up to it reads only what was written since.
  // Not inside a transaction (it opens its own).
  PendingRows pending_after(const std::string& platform, std::int64_t after_id, int limit) const;
  // The query plan of pending_after's row query, one line per step (for a test).
  [[nodiscard]] std::vector<std::string> explain_pending_after() const;

  // One lane's pending rows with ids in (after_id, up_to_id], in id order, at most `limit`: the
  // chat's messages, or (callbacks) its button-press answers.
  std::vector<LaneHead> pending_in_lane(const std::string& platform, const std::string& chat_id,
                                        bool callbacks, std::int64_t after_id,
                                        std::int64_t up_to_id, int limit) const;

  // The rows with these ids that are still pending, in id order: a lane's waiting rows whose ids
  // the sender remembered, each looked up by its key.
  std::vector<LaneHead> pending_with_ids(const std::vector<std::int64_t>& ids) const;
  // The query plan of pending_with_ids' query, one line per step (for a test).
  [[nodiscard]] std::vector<std::string> explain_pending_with_ids() const;

  void set_parts_done(std::int64_t outbox_id, int parts_done);
  void clear_parts_done(std::int64_t outbox_id);

  // Marks every pending row of the chat failed (the chat blocked the bot or is gone); returns
  // how many rows that was.
  int fail_chat(const std::string& platform, const std::string& chat_id, const std::string& error);

  // A group refused the bot: its pending replies that carry the sender's private chat move there,
  // whole (any parts already sent to the group are sent again privately); returns how many.
  int reroute_to_private(const std::string& platform, const std::string& group_chat_id);

 private:
  storage::Connection& db_;
};

// The key under which a row's progress is kept in the state table: kPartsDonePrefix + the id.
inline constexpr const char* kPartsDonePrefix = "outbox.parts_done.";
std::string parts_done_key(std::int64_t outbox_id);

}  // namespace wgbot::storage
