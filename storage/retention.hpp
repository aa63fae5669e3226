// Clean-up of rows that have done their job: handled inbox rows and sent outbox rows older than
// the retention period (config key retention_days).
#pragma once

#include <cstdint>

namespace wgbot::storage {

class Connection;

// An inbox row's (platform, update key) is what recognises a redelivered update, so no row is
// deleted before it is this old, whatever retention_days says.
inline constexpr int kMinRetentionDays = 30;

// The instant (unix seconds) before which rows may be deleted at `now`: `retention_days` earlier,
// or kMinRetentionDays earlier when that is later.
std::int64_t retention_cutoff(std::int64_t now, int retention_days);

struct PurgeCounts {
  std::int64_t inbox = 0;   // handled inbox rows deleted
  std::int64_t outbox = 0;  // sent outbox rows deleted
};

// Deletes at most `limit` handled inbox rows received before `cutoff` and at most `limit` sent
// outbox rows sent before it, oldest first, with the outbox rows' part-progress keys in the state
// table. New and failed inbox rows and pending and failed outbox rows stay; outbox rows that
// outlive their inbox row keep inbox_id NULL. Run inside a transaction (a writer job).
PurgeCounts purge_old_rows(storage::Connection& db, std::int64_t cutoff, int limit);

}  // namespace wgbot::storage
