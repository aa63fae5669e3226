// Broadcasts: the admin's message to every linked, active member (or one unit or role),
// queued in the outbox one row per member so the platforms' rate limits hold; the admin is
// told the count at once and the delivery result when every row is sent or failed.
#pragma once

#include <cstddef>
#include <cstdint>

namespace wgbot::storage {
class Connection;
}

namespace wgbot {

// For each broadcast none of whose rows is still pending: queues the delivery summary to its
// admin and marks it summarized (in the caller's transaction). Returns how many were queued.
// The scheduler calls it when it wakes.
std::size_t queue_broadcast_summaries(storage::Connection& db, std::int64_t now);

// Whether some broadcast is waiting for its summary (cheap; for a read-only connection).
bool broadcast_summary_pending(storage::Connection& db);

}  // namespace wgbot
