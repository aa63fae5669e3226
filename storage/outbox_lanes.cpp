#include "storage/outbox_lanes.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include "storage/connection.hpp"
#include "storage/sql_values.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace wgbot::storage {

std::string parts_done_key(std::int64_t outbox_id) {
  return kPartsDonePrefix + std::to_string(outbox_id);
}

void LaneHead::read_message() {
  if (message_read) return;
  message_read = true;
  const OutKind kind = row.message.kind;
  row.message = deserialize_outgoing(row.message.platform, row.message.chat_id, "", body);
  row.message.kind = kind;
  attach_file();
}

LaneHead LaneHead::committed(const CommittedOutboxRow& row) {
  LaneHead head;
  head.row = OutboxRow{row.id, row.message, 0, row.created_at};
  head.body = row.body;
  if (head.row.message.file.kind != FileKind::none) {
    head.file = std::move(head.row.message.file.bytes);  // as a read takes the file column
  }
  head.next_attempt_at = row.created_at;
  head.group_chat = row.group_chat;
  head.message_read = true;
  head.attach_file();
  return head;
}

void LaneHead::attach_file() {
  if (row.message.file.kind != FileKind::none && !file.empty()) {
    row.message.file.bytes = file;
  } else {
    row.message.file = OutgoingFile{};
  }
}

namespace {

// The columns both lane reads select, in this order; `o` is the outbox row, `s` its progress.
constexpr const char* kLaneColumns =
    "SELECT o.id, o.platform, o.chat_id, o.kind, o.body, o.attempts, o.created_at, "
    "o.next_attempt_at, COALESCE(CAST(s.value AS INTEGER), 0), "
    "EXISTS (SELECT 1 FROM chats AS c WHERE c.platform = o.platform AND c.chat_id = o.chat_id"
    " AND c.kind = 'group'), o.file ";

LaneHead read_lane_row(SQLite::Statement& q) {
  LaneHead head;
  head.row.id = q.getColumn(0).getInt64();
  head.row.message.platform = q.getColumn(1).getString();
  head.row.message.chat_id = q.getColumn(2).getString();
  head.row.message.kind = outbox_kind(q.getColumn(3).getString());
  head.body = q.getColumn(4).getString();
  head.row.attempts = q.getColumn(5).getInt();
  head.row.created_at = q.getColumn(6).getInt64();
  head.next_attempt_at = q.getColumn(7).getInt64();
  head.parts_done = q.getColumn(8).getInt();
  head.group_chat = q.getColumn(9).getInt() != 0;
  const SQLite::Column file = q.getColumn(10);
  if (!file.isNull()) {
    head.file.assign(static_cast<const char*>(file.getBlob()),
                     static_cast<std::size_t>(file.getBytes()));
  }
  return head;
}

// "+" keeps SQLite on the primary key: the pending index would visit every pending row.
std::string pending_after_sql() {
  return std::string(kLaneColumns) +
         "FROM outbox AS o LEFT JOIN state AS s ON s.key = ?2 || o.id "
         "WHERE o.id > ?3 AND o.id <= ?4 AND +o.status = 'pending' AND +o.platform = ?1 "
         "ORDER BY o.id LIMIT ?5";
}

// Ids per statement: longer lists are read in pieces.
constexpr std::size_t kIdsPerStatement = 32;

const std::string& pending_with_ids_sql() {
  static const std::string sql = std::string(kLaneColumns) +
                                 "FROM outbox AS o LEFT JOIN state AS s ON s.key = ?1 || o.id "
                                 "WHERE +o.status = 'pending' AND o.id IN (" +
                                 numbered_places(2, static_cast<int>(kIdsPerStatement)) +
                                 ") ORDER BY o.id";
  return sql;
}

}  // namespace

std::vector<LaneHead> OutboxLanes::pending_with_ids(const std::vector<std::int64_t>& ids) const {
  std::vector<LaneHead> rows;
  for (std::size_t start = 0; start < ids.size(); start += kIdsPerStatement) {
    const std::size_t end = std::min(ids.size(), start + kIdsPerStatement);
    auto q = db_.prepare(pending_with_ids_sql());
    q->bind(1, kPartsDonePrefix);
    // Places past the last id stay NULL: they match no row.
    for (std::size_t i = start; i < end; ++i) q->bind(static_cast<int>(i - start) + 2, ids[i]);
    while (q->executeStep()) rows.push_back(read_lane_row(*q));
  }
  return rows;
}

std::vector<std::string> OutboxLanes::explain_pending_with_ids() const {
  return db_.query_plan(pending_with_ids_sql());
}

PendingRows OutboxLanes::pending_after(const std::string& platform, std::int64_t after_id,
                                       int limit) const {
  PendingRows out;
  // One read transaction: the highest id and the rows below it come from the same snapshot, so
  // a row committed in between is neither missed nor counted as seen.
  // Every statement here is kept compiled: this runs after each commit that added replies.
  db_.prepare("BEGIN")->exec();
  try {
    {
      auto top = db_.prepare("SELECT COALESCE(MAX(id), 0) FROM outbox");
      top->executeStep();
      out.top_id = top->getColumn(0).getInt64();
    }
    auto q = db_.prepare(pending_after_sql());
    q->bind(1, platform);
    q->bind(2, kPartsDonePrefix);
    q->bind(3, after_id);
    q->bind(4, out.top_id);
    q->bind(5, limit);
    while (q->executeStep()) out.rows.push_back(read_lane_row(*q));
    out.complete = static_cast<int>(out.rows.size()) < limit;
  } catch (...) {
    db_.exec("ROLLBACK");
    throw;
  }
  db_.prepare("COMMIT")->exec();
  return out;
}

std::vector<std::string> OutboxLanes::explain_pending_after() const {
  return db_.query_plan(pending_after_sql());
}

std::vector<LaneHead> OutboxLanes::pending_in_lane(const std::string& platform,
                                                   const std::string& chat_id, bool callbacks,
                                                   std::int64_t after_id, std::int64_t up_to_id,
                                                   int limit) const {
  auto q = db_.prepare(std::string(kLaneColumns) +
                       "FROM outbox AS o LEFT JOIN state AS s ON s.key = ?2 || o.id "
                       "WHERE o.id > ?3 AND o.id <= ?4 AND +o.status = 'pending' "
                       "AND +o.platform = ?1 AND +o.chat_id = ?6 "
                       "AND (o.kind = 'callback_answer') = ?7 ORDER BY o.id LIMIT ?5");
  q->bind(1, platform);
  q->bind(2, kPartsDonePrefix);
  q->bind(3, after_id);
  q->bind(4, up_to_id);
  q->bind(5, limit);
  q->bind(6, chat_id);
  q->bind(7, callbacks ? 1 : 0);
  std::vector<LaneHead> rows;
  while (q->executeStep()) rows.push_back(read_lane_row(*q));
  return rows;
}

void OutboxLanes::set_parts_done(std::int64_t outbox_id, int parts_done) {
  auto q = db_.prepare(
      "INSERT INTO state (key, value) VALUES (?1, ?2) "
      "ON CONFLICT (key) DO UPDATE SET value = ?2");
  q->bind(1, parts_done_key(outbox_id));
  q->bind(2, std::to_string(parts_done));
  q->exec();
}

void OutboxLanes::clear_parts_done(std::int64_t outbox_id) {
  auto q = db_.prepare("DELETE FROM state WHERE key = ?");
  q->bind(1, parts_done_key(outbox_id));
  q->exec();
}

int OutboxLanes::fail_chat(const std::string& platform, const std::string& chat_id,
                           const std::string& error) {
  auto progress = db_.prepare(
      "DELETE FROM state WHERE key IN (SELECT ?1 || id FROM outbox "
      "WHERE platform = ?2 AND chat_id = ?3 AND status = 'pending')");
  progress->bind(1, kPartsDonePrefix);
  progress->bind(2, platform);
  progress->bind(3, chat_id);
  progress->exec();
  auto q = db_.prepare(
      "UPDATE outbox SET status = 'failed', attempts = attempts + 1, error = ? "
      "WHERE platform = ? AND chat_id = ? AND status = 'pending'");
  q->bind(1, error);
  q->bind(2, platform);
  q->bind(3, chat_id);
  return q->exec();
}

int OutboxLanes::reroute_to_private(const std::string& platform, const std::string& group_chat_id) {
  auto pending = db_.prepare(
      "SELECT id, kind, body FROM outbox WHERE platform = ? AND chat_id = ? AND "
      "status = 'pending' ORDER BY id");
  pending->bind(1, platform);
  pending->bind(2, group_chat_id);
  struct Move {
    std::int64_t id;
    std::string chat_id;
    std::string body;
  };
  std::vector<Move> moves;
  while (pending->executeStep()) {
    const std::string kind = pending->getColumn(1).getString();
    Outgoing m =
        deserialize_outgoing(platform, group_chat_id, kind, pending->getColumn(2).getString());
    if (m.private_fallback_chat_id.empty()) continue;
    std::string to = std::exchange(m.private_fallback_chat_id, {});
    moves.push_back(Move{pending->getColumn(0).getInt64(), std::move(to), serialize_outgoing(m)});
  }
  auto move = db_.prepare("UPDATE outbox SET chat_id = ?, body = ? WHERE id = ?");
  for (const Move& m : moves) {
    move->reset();
    move->bind(1, m.chat_id);
    move->bind(2, m.body);
    move->bind(3, m.id);
    move->exec();
    clear_parts_done(m.id);
  }
  return static_cast<int>(moves.size());
}

}  // namespace wgbot::storage
