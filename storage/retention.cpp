#include "storage/retention.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>

#include "storage/connection.hpp"
#include "storage/outbox_lanes.hpp"

namespace wgbot::storage {

namespace {
constexpr std::int64_t kSecondsPerDay = std::int64_t{24} * 3600;
}  // namespace

std::int64_t retention_cutoff(std::int64_t now, int retention_days) {
  return now - std::max(retention_days, kMinRetentionDays) * kSecondsPerDay;
}

PurgeCounts purge_old_rows(storage::Connection& db, std::int64_t cutoff, int limit) {
  // Both outbox statements pick the same rows: same condition, order and limit, one transaction.
  // The newest outbox row is never deleted, so ids only grow (SQLite gives a new row MAX(id) + 1):
  // senders find new rows by reading above the highest id they have seen.
  auto progress = db.prepare(
      "DELETE FROM state WHERE key IN (SELECT ?3 || id FROM outbox WHERE status = 'sent' "
      "AND COALESCE(sent_at, created_at) < ?1 AND id < (SELECT MAX(id) FROM outbox) "
      "ORDER BY id LIMIT ?2)");
  progress->bind(1, cutoff);
  progress->bind(2, limit);
  progress->bind(3, kPartsDonePrefix);
  progress->exec();
  auto outbox = db.prepare(
      "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE status = 'sent' "
      "AND COALESCE(sent_at, created_at) < ?1 AND id < (SELECT MAX(id) FROM outbox) "
      "ORDER BY id LIMIT ?2)");
  outbox->bind(1, cutoff);
  outbox->bind(2, limit);
  PurgeCounts counts;
  counts.outbox = outbox->exec();
  // Outbox rows still pointing at a deleted inbox row get inbox_id NULL (ON DELETE SET NULL).
  auto inbox = db.prepare(
      "DELETE FROM inbox WHERE id IN (SELECT id FROM inbox WHERE status = 'handled' "
      "AND received_at < ?1 ORDER BY id LIMIT ?2)");
  inbox->bind(1, cutoff);
  inbox->bind(2, limit);
  counts.inbox = inbox->exec();
  return counts;
}

}  // namespace wgbot::storage
