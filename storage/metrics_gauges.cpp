#include "storage/metrics_gauges.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>

#include "storage/connection.hpp"
#include "storage/outbox_repository.hpp"
#include "storage/reminder_repository.hpp"

namespace wgbot::storage {

namespace {

// The first column of a one-row query with one bound time, or 0 when it is NULL.
std::int64_t scalar_at(Connection& db, std::string_view sql, std::int64_t now) {
  auto q = db.prepare(sql);
  if (sql.find('?') != std::string_view::npos) q->bind(1, now);
  if (!q->executeStep() || q->getColumn(0).isNull()) return 0;
  return q->getColumn(0).getInt64();
}

}  // namespace

DatabaseGauges read_database_gauges(Connection& db, std::int64_t now) {
  DatabaseGauges g;
  g.outbox_depth = OutboxRepository(db).depth();
  const auto oldest =
      scalar_at(db, "SELECT MIN(created_at) FROM outbox WHERE status = 'pending'", now);
  g.outbox_oldest_age_seconds = oldest == 0 ? 0 : std::max<std::int64_t>(0, now - oldest);
  g.reminders_due = ReminderRepository(db).count_due(now);
  g.nudges_due = scalar_at(
      db,
      "SELECT COUNT(*) FROM tasks WHERE status = 'open' AND nudge_at IS NOT NULL AND nudge_at <= ?",
      now);
  g.digest_last_sent = scalar_at(db, "SELECT MAX(sent_at) FROM digests_sent", now);
  g.database_bytes =
      scalar_at(db, "PRAGMA page_count", now) * scalar_at(db, "PRAGMA page_size", now);
  return g;
}

}  // namespace wgbot::storage
