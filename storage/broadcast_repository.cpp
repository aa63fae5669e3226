#include "storage/broadcast_repository.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include "storage/connection.hpp"

namespace wgbot::storage {

std::int64_t BroadcastRepository::create(const NewBroadcast& b,
                                         const std::vector<std::int64_t>& outbox_ids) {
  auto q = db_.prepare(
      "INSERT INTO broadcasts (actor, platform, chat_id, lang, created_at, recipients) "
      "VALUES (?,?,?,?,?,?)");
  q->bind(1, b.actor);
  q->bind(2, b.platform);
  q->bind(3, b.chat_id);
  q->bind(4, b.lang);
  q->bind(5, b.created_at);
  q->bind(6, static_cast<std::int64_t>(outbox_ids.size()));
  q->exec();
  const std::int64_t id = db_.getLastInsertRowid();
  auto row = db_.prepare("INSERT INTO broadcast_rows (broadcast_id, outbox_id) VALUES (?,?)");
  for (const auto outbox_id : outbox_ids) {
    row->reset();
    row->bind(1, id);
    row->bind(2, outbox_id);
    row->exec();
  }
  return id;
}

std::vector<FinishedBroadcast> BroadcastRepository::finished_unsummarized() const {
  // A row purged from the outbox was delivered long ago: it counts as sent.
  auto q = db_.prepare(
      "SELECT b.id, b.platform, b.chat_id, b.lang, b.recipients, "
      "  COUNT(o.id) FILTER (WHERE o.status = 'failed') "
      "FROM broadcasts b "
      "LEFT JOIN broadcast_rows r ON r.broadcast_id = b.id "
      "LEFT JOIN outbox o ON o.id = r.outbox_id "
      "WHERE b.summarized_at IS NULL "
      "GROUP BY b.id "
      "HAVING COUNT(o.id) FILTER (WHERE o.status = 'pending') = 0 "
      "ORDER BY b.id");
  std::vector<FinishedBroadcast> out;
  while (q->executeStep()) {
    FinishedBroadcast f;
    f.id = q->getColumn(0).getInt64();
    f.platform = q->getColumn(1).getString();
    f.chat_id = q->getColumn(2).getString();
    f.lang = q->getColumn(3).getString();
    f.recipients = q->getColumn(4).getInt();
    f.failed = q->getColumn(5).getInt();
    f.sent = f.recipients - f.failed;
    out.push_back(std::move(f));
  }
  return out;
}

void BroadcastRepository::mark_summarized(std::int64_t id, std::int64_t now) {
  auto q = db_.prepare("UPDATE broadcasts SET summarized_at = ? WHERE id = ?");
  q->bind(1, now);
  q->bind(2, id);
  q->exec();
}

bool BroadcastRepository::any_unsummarized() const {
  // Kept compiled: the scheduler asks after every commit.
  auto q = db_.prepare("SELECT EXISTS (SELECT 1 FROM broadcasts WHERE summarized_at IS NULL)");
  q->executeStep();
  return q->getColumn(0).getInt() != 0;
}

}  // namespace wgbot::storage
