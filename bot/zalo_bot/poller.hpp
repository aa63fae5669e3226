// Long polling (when no public_url is set): removes a webhook left from webhook mode, then loops
// on getUpdates, which hands out ONE update per call (408 when none came). Zalo keeps no offset
// and replays nothing: an update handed to a poll that is then abandoned, or that cannot be
// stored, is lost. That is why polling is for development; production uses the webhook.
#pragma once

#include <chrono>
#include <functional>
#include <memory>

#include "bot/outbound/retry_policy.hpp"
#include "bot/zalo_bot/api_client.hpp"

namespace boost::asio {
class io_context;
}

namespace wgbot {
class IngestService;
class Metrics;
}  // namespace wgbot

namespace wgbot::zalo_bot {

class BotIdentity;

struct PollerOptions {
  std::chrono::seconds poll_timeout = kPollTimeout;
  // After an error (network, 5xx, 429, a rejected token).
  BackoffPolicy backoff{std::chrono::seconds{1}, std::chrono::minutes{1}, Jitter::equal};
};

class Poller {
 public:
  // Every reference must outlive the poller.
  Poller(boost::asio::io_context& ioc, ApiClient& api, IngestService& ingest, Metrics& metrics,
         const BotIdentity& identity, PollerOptions options = {});
  ~Poller();
  Poller(const Poller&) = delete;
  Poller& operator=(const Poller&) = delete;

  void start();
  // Cancels the request in flight and any back-off; `done` runs on the io_context once the loop
  // has ended (an update being stored is allowed to commit first). Any thread.
  void stop(std::function<void()> done);

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace wgbot::zalo_bot
