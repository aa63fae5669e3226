// The one way in for updates from every platform: each webhook, poller and the console hands
// its parsed updates here. They are stored (deduplicated) and handled in one writer job, counted
// once in the metrics, and the platform is told whether the update is safely stored — only then
// may it answer its API "received" (200); otherwise it must let the platform redeliver (503).
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "core/inbound.hpp"

namespace wgbot {

class Dispatcher;
class Metrics;
namespace storage {
class Connection;
class Writer;
}  // namespace storage

enum class IngestStatus {
  stored,       // committed: handled, or its handler failed (row marked failed, apology queued)
  duplicate,    // stored before; nothing was done again
  unavailable,  // the storage failed: nothing was kept
  overloaded,   // refused at once: too much waiting for the database
  stopped,      // the bot is shutting down
};

struct IngestResult {
  IngestStatus status = IngestStatus::stored;
  std::string error;
  // Stored (or a duplicate): the platform may be told so. Anything else: ask for redelivery.
  [[nodiscard]] bool committed() const {
    return status == IngestStatus::stored || status == IngestStatus::duplicate;
  }
};

struct BatchIngestResult {
  IngestStatus status = IngestStatus::stored;  // stored, or why nothing of the batch was kept
  std::string error;
  int stored = 0;
  int duplicates = 0;
  [[nodiscard]] bool committed() const { return status == IngestStatus::stored; }
};

struct IngestOptions {
  // A webhook update that cannot start within this time is refused (503) rather than holding
  // its connection: the platform redelivers it later.
  std::chrono::milliseconds max_wait{5000};
};

class IngestService {
 public:
  using Done = std::function<void(const IngestResult&)>;
  using BatchDone = std::function<void(const BatchIngestResult&)>;
  using AlsoInJob = std::function<void(storage::Connection&)>;

  // All references must outlive the service and every job it queued (stop the writer first).
  IngestService(storage::Writer& writer, Dispatcher& dispatcher, Metrics& metrics,
                IngestOptions options = {});

  // One update (a webhook request). `done` runs once: on the writer thread after the commit, or
  // on the calling thread when refused at once.
  void submit(Inbound in, Done done);

  // A poller's batch, stored in one job together with `also` (e.g. the next offset), so both
  // commit or neither does. Waits for the database as long as it takes.
  void submit_batch(std::vector<Inbound> batch, AlsoInJob also, BatchDone done);

  // Blocks until stored: for the console, never an I/O thread.
  IngestResult process(Inbound in);

 private:
  storage::Writer& writer_;
  Dispatcher& dispatcher_;
  Metrics& metrics_;
  IngestOptions options_;
};

}  // namespace wgbot
