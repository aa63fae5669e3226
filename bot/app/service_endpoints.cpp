#include "bot/app/service_endpoints.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include "storage/audit_repository.hpp"
#include "storage/connection.hpp"
#include "storage/outbox_repository.hpp"
#include "storage/reminder_repository.hpp"
#include "storage/writer.hpp"

namespace wgbot {

void add_service_endpoints(http::Router& router, storage::Writer& writer, Metrics& metrics,
                           const Clock& clock) {
  router.add("GET", "/healthz", [](const http::Request&, http::Responder responder) {
    responder.send(http::Response{200, "text/plain; charset=utf-8", "ok\n", {}});
  });
  // Ready means a write can be committed: the probe goes through the same writer as updates.
  router.add("GET", "/readyz", [&writer, &clock](const http::Request&, http::Responder responder) {
    const auto now = clock.now().time_since_epoch().count();
    auto shared = std::make_shared<http::Responder>(std::move(responder));
    writer.submit(
        [now](storage::Connection& db) {
          storage::StateRepository(db).set("readyz_probe", std::to_string(now));
        },
        [shared](const storage::WriteResult& r) {
          if (r.ok()) {
            shared->send(http::Response{200, "text/plain; charset=utf-8", "ready\n", {}});
          } else {
            shared->send(
                http::Response{503, "text/plain; charset=utf-8", "database not writable\n", {}});
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
              gauges->outbox_depth = storage::OutboxRepository(db).depth();
              gauges->reminders_due = storage::ReminderRepository(db).count_due(now);
            },
            [shared, gauges, &metrics](const storage::WriteResult&) {
              shared->send(http::Response{
                  200, "text/plain; version=0.0.4; charset=utf-8", metrics.render(*gauges), {}});
            });
      });
}

}  // namespace wgbot
