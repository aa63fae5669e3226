#include "bot/dispatch/ingest.hpp"

#include <spdlog/spdlog.h>

#include <future>
#include <memory>

#include "bot/dispatch/dispatcher.hpp"
#include "core/metrics.hpp"
#include "storage/writer.hpp"

namespace wgbot {

namespace {

IngestStatus status_of(storage::WriteStatus status) {
  switch (status) {
    case storage::WriteStatus::ok:
      return IngestStatus::stored;
    // A bug outside the handler's savepoint (logged): nothing of the update was kept, so it must
    // not be reported stored.
    case storage::WriteStatus::job_failed:
    case storage::WriteStatus::unavailable:
      return IngestStatus::unavailable;
    case storage::WriteStatus::overloaded:
      return IngestStatus::overloaded;
    case storage::WriteStatus::stopped:
      return IngestStatus::stopped;
  }
  return IngestStatus::unavailable;
}

// Stores and handles one update inside the caller's job; times the handling.
struct Outcome {
  DispatchResult result;
  double seconds = 0;
};

Outcome store_one(Dispatcher& dispatcher, storage::Connection& db, const Inbound& in) {
  const auto started = std::chrono::steady_clock::now();
  Outcome out;
  out.result = dispatcher.process(db, in);
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return out;
}

void count(Metrics& metrics, const std::string& platform, const Outcome& outcome) {
  if (outcome.result.duplicate) {
    metrics.update_duplicated(platform);
    return;
  }
  metrics.update_received(platform);
  metrics.observe_handler_seconds(outcome.seconds);
}

// What the platform is told about one update once its job is done, counted and logged once.
IngestResult finish(Metrics& metrics, const Inbound& update, const Outcome& outcome,
                    const storage::WriteResult& r) {
  IngestResult result{status_of(r.status), r.error};
  if (r.status == storage::WriteStatus::job_failed) {
    spdlog::error("event=ingest_job_failed platform={} update={} error=\"{}\"", update.platform,
                  update.update_key, r.error);
  }
  if (result.committed()) {
    if (outcome.result.duplicate) result.status = IngestStatus::duplicate;
    count(metrics, update.platform, outcome);
  } else {
    metrics.update_deferred(update.platform);
    spdlog::warn("event=update_deferred platform={} update={} status={} error=\"{}\"",
                 update.platform, update.update_key, static_cast<int>(result.status), r.error);
  }
  return result;
}

}  // namespace

IngestService::IngestService(storage::Writer& writer, Dispatcher& dispatcher, Metrics& metrics,
                             IngestOptions options)
    : writer_(writer), dispatcher_(dispatcher), metrics_(metrics), options_(options) {}

void IngestService::submit(Inbound in, Done done) {
  auto update = std::make_shared<const Inbound>(std::move(in));
  auto outcome = std::make_shared<Outcome>();
  writer_.try_submit(
      [this, update, outcome](storage::Connection& db) {
        *outcome = store_one(dispatcher_, db, *update);
      },
      [this, update, outcome, done = std::move(done)](const storage::WriteResult& r) {
        const IngestResult result = finish(metrics_, *update, *outcome, r);
        if (done) done(result);
      },
      std::chrono::steady_clock::now() + options_.max_wait, storage::Rerun::safe);
}

void IngestService::submit_batch(std::vector<Inbound> batch, AlsoInJob also, BatchDone done) {
  auto updates = std::make_shared<const std::vector<Inbound>>(std::move(batch));
  auto outcomes = std::make_shared<std::vector<Outcome>>();
  writer_.submit(
      [this, updates, outcomes, also = std::move(also)](storage::Connection& db) {
        outcomes->clear();
        for (const Inbound& in : *updates) outcomes->push_back(store_one(dispatcher_, db, in));
        if (also) also(db);
      },
      [this, updates, outcomes, done = std::move(done)](const storage::WriteResult& r) {
        BatchIngestResult result;
        result.error = r.error;
        if (!r.ok()) {
          result.status = status_of(r.status);
          for (const Inbound& in : *updates) metrics_.update_deferred(in.platform);
        } else {
          for (std::size_t i = 0; i < outcomes->size(); ++i) {
            count(metrics_, (*updates)[i].platform, (*outcomes)[i]);
            ++((*outcomes)[i].result.duplicate ? result.duplicates : result.stored);
          }
        }
        if (done) done(result);
      });
}

IngestResult IngestService::process(Inbound in) {
  std::promise<IngestResult> promise;
  auto future = promise.get_future();
  auto outcome = std::make_shared<Outcome>();
  auto update = std::make_shared<const Inbound>(std::move(in));
  writer_.submit([this, update, outcome](
                     storage::Connection& db) { *outcome = store_one(dispatcher_, db, *update); },
                 [&](const storage::WriteResult& r) {
                   promise.set_value(finish(metrics_, *update, *outcome, r));
                 });
  return future.get();
}

}  // namespace wgbot
