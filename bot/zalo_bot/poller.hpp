// Long polling (when no public_url is set): removes a webhook left from webhook mode, then loops
// on getUpdates, which hands out ONE update per call (408 when none came). Zalo keeps no offset
// and replays nothing: an update handed to a poll that is then abandoned, or that cannot be
// stored, is lost. That is why polling is for development; production uses the webhook.
#pragma once

#include <chrono>
#include <functional>
#include <memory>

#include "bot/platform/bot_api_options.hpp"
#include "bot/platform/platform_forward.hpp"
#include "bot/platform/polling_loop.hpp"
#include "bot/zalo_bot/api_client.hpp"

namespace wgbot::zalo_bot {

class BotIdentity;

// The back-off follows a network error, a 5xx, a 429, or a rejected token.
using PollerOptions = PollingOptions;
static_assert(PollerOptions{}.poll_timeout == kPollTimeout);

class Poller final : public PollingLoop {
 public:
  // Every reference must outlive the poller.
  Poller(boost::asio::io_context& ioc, ApiClient& api, IngestService& ingest, Metrics& metrics,
         const BotIdentity& identity, PollerOptions options = {});
  ~Poller();

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace wgbot::zalo_bot
