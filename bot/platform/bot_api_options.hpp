// The settings Telegram and Zalo Bot share: how start-up calls are retried, the HTTP client,
// and long polling. Each platform's PlatformOptions adds its own.
#pragma once

#include <chrono>

#include "bot/http/http_client.hpp"
#include "bot/outbound/retry_policy.hpp"

namespace wgbot {

// Long polling: how long one getUpdates may wait for an update (both APIs allow 30 s), and the
// back-off after an error (network, 5xx, a rejected token, another poller).
struct PollingOptions {
  std::chrono::seconds poll_timeout{30};
  BackoffPolicy backoff{std::chrono::seconds{1}, std::chrono::minutes{1}, Jitter::equal};
};

struct BotApiOptions {
  // getMe and setWebhook are retried until they succeed (a network outage at start-up).
  BackoffPolicy startup_backoff{std::chrono::seconds{1}, std::chrono::minutes{5}, Jitter::equal};
  http::ClientOptions client;
  PollingOptions poller;
};

}  // namespace wgbot
