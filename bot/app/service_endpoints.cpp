#include "bot/app/service_endpoints.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <atomic>
#include <cstdint>
#include <limits>

#include "storage/audit_repository.hpp"
#include "storage/connection.hpp"
#include "storage/metrics_gauges.hpp"
#include "storage/writer.hpp"

namespace wgbot {

namespace {

// A probe write that committed this recently still proves the database writable.
constexpr std::int64_t kReadyForSeconds = 5;

// When the last probe write committed, shared by the probes on every connection.
class Readiness {
 public:
  [[nodiscard]] bool proven_at(std::int64_t now) const {
    const auto at = last_ok_.load();
    return at != kNever && now >= at && now - at < kReadyForSeconds;
  }
  void record(bool ok, std::int64_t at) { last_ok_.store(ok ? at : kNever); }

 private:
  static constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::min();
  std::atomic<std::int64_t> last_ok_{kNever};
};

}  // namespace

void add_service_endpoints(http::Router& router, storage::Writer& writer, Metrics& metrics,
                           const Clock& clock) {
  router.add("GET", "/healthz", [](const http::Request&, http::Responder responder) {
    responder.send(http::Response{200, "text/plain; charset=utf-8", "ok\n", {}});
  });
  // Ready means a write can be committed: the probe goes through the same writer as updates. A
  // write that committed less than kReadyForSeconds ago answers for it, so frequent probes do not
  // cost a commit each (nor wake everyone who listens for commits).
  auto readiness = std::make_shared<Readiness>();
  router.add(
      "GET", "/readyz",
      [&writer, &clock, readiness](const http::Request&, http::Responder responder) {
        const auto now = clock.now().time_since_epoch().count();
        if (readiness->proven_at(now)) {
          responder.send(http::Response{200, "text/plain; charset=utf-8", "ready\n", {}});
          return;
        }
        auto shared = std::make_shared<http::Responder>(std::move(responder));
        writer.submit(
            [now](storage::Connection& db) {
              storage::StateRepository(db).set("readyz_probe", std::to_string(now));
            },
            [shared, readiness, now](const storage::WriteResult& r) {
              readiness->record(r.ok(), now);
              if (r.ok()) {
                shared->send(http::Response{200, "text/plain; charset=utf-8", "ready\n", {}});
              } else {
                shared->send(http::Response{
                    503, "text/plain; charset=utf-8", "database not writable\n", {}});
              }
            });
      });
  router.add(
      "GET", "/metrics",
      [&writer, &metrics, &clock](const http::Request&, http::Responder responder) {
        const auto now = clock.now().time_since_epoch().count();
        auto shared = std::make_shared<http::Responder>(std::move(responder));
        auto gauges = std::make_shared<Metrics::Gauges>();
        writer.submit(
            [gauges, now](storage::Connection& db) {
              const auto read = storage::read_database_gauges(db, now);
              gauges->outbox_depth = read.outbox_depth;
              gauges->outbox_oldest_age_seconds = read.outbox_oldest_age_seconds;
              gauges->reminders_due = read.reminders_due;
              gauges->nudges_due = read.nudges_due;
              gauges->digest_last_sent_seconds = read.digest_last_sent;
              gauges->database_bytes = read.database_bytes;
            },
            [shared, gauges, &metrics](const storage::WriteResult&) {
              shared->send(http::Response{
                  200, "text/plain; version=0.0.4; charset=utf-8", metrics.render(*gauges), {}});
            });
      });
}

}  // namespace wgbot
