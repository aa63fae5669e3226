#include "bot/app/service_endpoints.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <atomic>
#include <cstdint>
#include <limits>
#include <mutex>
#include <utility>
#include <vector>

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "storage/audit_repository.hpp"
#include "storage/connection.hpp"
#include "storage/metrics_gauges.hpp"
#include "storage/writer.hpp"

namespace wgbot {

namespace {

// A probe write that committed this recently still proves the database writable.
constexpr std::int64_t kReadyForSeconds = 5;

http::Response ready_response() {
  return http::Response{200, "text/plain; charset=utf-8", "ready\n", {}};
}

http::Response not_ready_response(std::string body) {
  return http::Response{503, "text/plain; charset=utf-8", std::move(body), {}};
}

// One probe request's answer, given by whichever comes first: its write, or its deadline.
class ProbeAnswer : public std::enable_shared_from_this<ProbeAnswer> {
 public:
  ProbeAnswer(http::Responder responder, const boost::asio::any_io_executor& executor)
      : responder_(std::move(responder)), timer_(boost::asio::make_strand(executor)) {}

  // Any thread; the first call answers.
  void send(http::Response response) {
    {
      std::lock_guard lock(mu_);
      responder_.send(std::move(response));
    }
    boost::asio::post(timer_.get_executor(),
                      [self = shared_from_this()] { self->timer_.cancel(); });
  }

  // Answers 503 after `within` unless send() came first.
  void start_deadline(std::chrono::milliseconds within) {
    boost::asio::post(timer_.get_executor(), [self = shared_from_this(), within] {
      self->timer_.expires_after(within);
      self->timer_.async_wait([self](boost::system::error_code ec) {
        if (!ec) self->send(not_ready_response("database not answering\n"));
      });
    });
  }

 private:
  std::mutex mu_;
  http::Responder responder_;
  boost::asio::steady_timer timer_;
};

// When the last probe write committed, and who waits for the probe in flight; shared by the
// probes on every connection. At most one probe write is queued at a time, so a stuck database
// does not pile up probe jobs in the writer.
class Readiness {
 public:
  [[nodiscard]] bool proven_at(std::int64_t now) const {
    const auto at = last_ok_.load();
    return at != kNever && now >= at && now - at < kReadyForSeconds;
  }

  // Adds a waiter; true when no probe is in flight and the caller must start one.
  bool wait(std::shared_ptr<ProbeAnswer> answer) {
    std::lock_guard lock(mu_);
    waiters_.push_back(std::move(answer));
    return !std::exchange(in_flight_, true);
  }

  // The probe write finished: remember the outcome and answer everyone waiting for it.
  void finish(bool ok, std::int64_t at) {
    last_ok_.store(ok ? at : kNever);
    std::vector<std::shared_ptr<ProbeAnswer>> waiters;
    {
      std::lock_guard lock(mu_);
      in_flight_ = false;
      waiters.swap(waiters_);
    }
    for (auto& waiter : waiters) {
      waiter->send(ok ? ready_response() : not_ready_response("database not writable\n"));
    }
  }

 private:
  static constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::min();
  std::atomic<std::int64_t> last_ok_{kNever};
  std::mutex mu_;
  bool in_flight_ = false;
  std::vector<std::shared_ptr<ProbeAnswer>> waiters_;
};

}  // namespace

void add_service_endpoints(http::Router& router, storage::Writer& writer, Metrics& metrics,
                           const Clock& clock, const boost::asio::any_io_executor& executor,
                           std::chrono::milliseconds ready_within) {
  router.add("GET", "/healthz", [](const http::Request&, http::Responder responder) {
    responder.send(http::Response{200, "text/plain; charset=utf-8", "ok\n", {}});
  });
  // Ready means a write can be committed: the probe goes through the same writer as updates. A
  // write that committed less than kReadyForSeconds ago answers for it, so frequent probes do not
  // cost a commit each (nor wake everyone who listens for commits).
  auto readiness = std::make_shared<Readiness>();
  router.add(
      "GET", "/readyz",
      [&writer, &clock, readiness, executor, ready_within](const http::Request&,
                                                           http::Responder responder) {
        const auto now = clock.now().time_since_epoch().count();
        if (readiness->proven_at(now)) {
          responder.send(ready_response());
          return;
        }
        auto answer = std::make_shared<ProbeAnswer>(std::move(responder), executor);
        answer->start_deadline(ready_within);
        if (!readiness->wait(answer)) return;  // the probe in flight answers it too
        writer.submit(
            [now](storage::Connection& db) {
              storage::StateRepository(db).set("readyz_probe", std::to_string(now));
            },
            [readiness, now](const storage::WriteResult& r) { readiness->finish(r.ok(), now); });
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
