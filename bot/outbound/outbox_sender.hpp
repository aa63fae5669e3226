// Drains one platform's outbox: the oldest pending row of each chat goes out as soon as the
// rate limits allow; results are recorded through the writer (sent, retry with backoff, chat
// gone, chat migrated). Wakes up when told that new rows were committed (notify) and when the
// next retry or rate-limit window is due.
//
// Order and at-least-once: a chat's messages go out one at a time, in order (button-press
// answers have their own lane). A message split into parts records each delivered part, so
// after a crash only the part in flight can be sent twice. A row is marked sent only after
// the platform confirmed it; a crash between the two re-sends that row (or part) once.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "bot/outbound/rate_limiter.hpp"
#include "bot/outbound/retry_policy.hpp"

namespace boost::asio {
class io_context;
}

namespace wgbot {

class Clock;
class Delivery;
class Metrics;
namespace storage {
class Writer;
struct CommittedOutbox;
}  // namespace storage

struct SenderOptions {
  std::string db_path;  // the sender reads the outbox through its own read-only connection
  RateLimits limits;
  BackoffPolicy backoff;
  // Most sends started and not yet recorded as done. They are the only messages a crash can
  // deliver twice (the platform got them, the outbox does not know yet), so the window is kept
  // as small as throughput allows; see in_flight_window().
  std::size_t max_in_flight = 8;
  int max_migrations = 3;  // a row that keeps moving to new chat ids is dropped
  // The sender holds the oldest pending rows in memory, at most these many (and bytes of bodies
  // and files), and at most memory_per_chat of one chat: after each commit it takes only the rows
  // written since (handed over by the commit, or read), and it records what it sent without reading
  // it back. Rows beyond wait in the database; a chat's further rows are read for it alone once its
  // rows in memory are done.
  std::size_t memory_rows = 4096;
  std::size_t memory_bytes = std::size_t{8} << 20;
  std::size_t memory_per_chat = 32;
};

// How the sender has been reading the outbox, for tests and benchmarks.
struct SenderStats {
  std::uint64_t full_reads = 0;     // every pending row (at start, after a chat changed)
  std::uint64_t new_row_reads = 0;  // the rows committed since the last read
  std::uint64_t lane_reads = 0;     // one chat's further rows, after its rows in memory were done
  std::uint64_t handed_rows = 0;    // rows taken from the commit that wrote them, not read
  std::size_t rows_in_memory = 0;
};

// The in-flight window for a platform's limits: a quarter of a second of sends at its global
// limit, between 4 and 128. By Little's law a sender making R sends a second, each taking L
// seconds from the start of the call to the commit that records it, has R·L in flight; L is
// well under 250 ms on a working link, so the window does not hold back what the limit
// allows. Telegram's default 30/s gives 7; an unlimited or high limit, 128: enough for 6,000
// sends a second to an API 20 ms away.
[[nodiscard]] std::size_t in_flight_window(const RateLimits& limits);

class OutboxSender {
 public:
  using TimeMs = std::chrono::sys_time<std::chrono::milliseconds>;

  // Time comes from `clock` (Clock::now_ms); all references must outlive the sender.
  OutboxSender(boost::asio::io_context& ioc, storage::Writer& writer, Delivery& delivery,
               const Clock& clock, Metrics& metrics, SenderOptions options);
  // Call stop() and wait for it first; the destructor only joins the reader thread.
  ~OutboxSender();
  OutboxSender(const OutboxSender&) = delete;
  OutboxSender& operator=(const OutboxSender&) = delete;

  void start();
  // New rows may have been committed: look at the outbox soon. Any thread (e.g. the writer's
  // after-commit hook); cheap, and coalesced when called often. With `committed` (every row of
  // one commit, see storage::CommitChanges::outbox), the sender takes this platform's rows from
  // it instead of reading them, when it has read everything before them and has room.
  void notify(std::shared_ptr<const storage::CommittedOutbox> committed = nullptr);
  // Stops taking rows; `done` runs (on the io_context) once the sends in flight are recorded.
  void stop(std::function<void()> done);

  // For tests on a ManualClock: looks at the outbox at the clock's current time, waits until
  // nothing is in flight and nothing more may be sent now, and returns when the sender wants
  // to look again (nullopt: only when notified). Blocks the caller: never on an io thread.
  // Throws std::runtime_error if that does not happen within `timeout`.
  std::optional<TimeMs> settle(std::chrono::milliseconds timeout = std::chrono::seconds{10});

  [[nodiscard]] SenderStats stats() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace wgbot
