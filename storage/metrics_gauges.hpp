// The /metrics values that live in the database, read in one pass on any connection.
#pragma once

#include <cstdint>

namespace wgbot::storage {

class Connection;

struct DatabaseGauges {
  std::int64_t outbox_depth = 0;               // pending outbox rows
  std::int64_t outbox_oldest_age_seconds = 0;  // now - created_at of the oldest pending row
  std::int64_t reminders_due = 0;              // active reminders whose time has come
  std::int64_t nudges_due = 0;                 // open tasks whose next nudge step has come
  std::int64_t digest_last_sent = 0;           // Unix time of the last digest sent; 0: never
  std::int64_t database_bytes = 0;             // page_count × page_size
};

DatabaseGauges read_database_gauges(Connection& db, std::int64_t now);

}  // namespace wgbot::storage
