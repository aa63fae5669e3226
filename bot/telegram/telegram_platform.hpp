// Telegram, end to end, as the app owns it: the webhook route, start-up against the Bot API
// (getMe, setMyCommands, then setWebhook or long polling), the outbox sender, and shutdown.
//
// Wiring (composition root), in this order:
//   TelegramPlatform telegram(ioc, config, writer, dispatcher, metrics, clock);
//   telegram.add_routes(*router);                           // before the server starts
//   writer.set_after_commit([&] { telegram.notify_outbox(); /* other senders too */ });
//   server.start(); telegram.start();
//   on shutdown: telegram.stop(done) — and wait for `done` before ioc.stop().
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "bot/http/http_client.hpp"
#include "bot/outbound/retry_policy.hpp"
#include "bot/telegram/poller.hpp"

namespace boost::asio {
class io_context;
}

namespace wgbot {
class Clock;
class OutboxSender;
class Dispatcher;
class Metrics;
struct Config;
namespace http {
class Router;
}
namespace storage {
class Writer;
}
}  // namespace wgbot

namespace wgbot::telegram {

inline constexpr std::string_view kGeneratedSecretKey = "telegram.webhook_secret";

struct PlatformOptions {
  PollerOptions poller;
  // getMe and setWebhook are retried until they succeed (a network outage at start-up).
  BackoffPolicy startup_backoff{std::chrono::seconds{1}, std::chrono::minutes{5}, Jitter::equal};
  int webhook_max_connections = 40;
  http::ClientOptions client;
};

// `telegram.webhook_secret` if configured, else the one generated on first use and kept in the
// state table. Blocks on the writer: start-up and CLI only.
[[nodiscard]] std::string resolve_webhook_secret(const Config& config, storage::Writer& writer);

// The URL Telegram posts to: public_url + "/webhook/telegram".
[[nodiscard]] std::string webhook_url(const Config& config);

class TelegramPlatform {
 public:
  // All references must outlive the platform; `config->telegram.token` must be set.
  TelegramPlatform(boost::asio::io_context& ioc, std::shared_ptr<const Config> config,
                   storage::Writer& writer, Dispatcher& dispatcher, Metrics& metrics,
                   const Clock& clock, PlatformOptions options = {});
  ~TelegramPlatform();
  TelegramPlatform(const TelegramPlatform&) = delete;
  TelegramPlatform& operator=(const TelegramPlatform&) = delete;

  // Registers POST /webhook/telegram (in both modes: harmless when polling). Resolves the
  // secret through the writer, so call it at start-up, before the server starts.
  void add_routes(http::Router& router);
  // Starts the sender at once; getMe, setMyCommands and setWebhook / polling follow on the
  // io_context. Webhook updates get 503 until getMe has told the bot its username.
  void start();
  // New outbox rows may be committed; call from the writer's after-commit hook. Any thread.
  void notify_outbox();
  // Ends polling (cancelling the long poll), start-up, and the sender once its sends in flight
  // are recorded; then posts `done` to the io_context. Any thread.
  void stop(std::function<void()> done);

  [[nodiscard]] bool webhook_mode() const;
  // The outbox sender, for tests and benchmarks (OutboxSender::settle).
  [[nodiscard]] OutboxSender& sender();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// For `wgbot set-webhook`: setWebhook (public_url + "/webhook/telegram", the resolved secret,
// allowed_updates), then getWebhookInfo. Runs its own short-lived io_context; blocks.
struct WebhookRegistration {
  bool ok = false;
  std::string error;    // why it failed (the Bot API's description), for the user
  nlohmann::json info;  // getWebhookInfo's `result` (url, pending_update_count, last_error_…)
};
[[nodiscard]] WebhookRegistration register_webhook(const Config& config, storage::Writer& writer,
                                                   const http::ClientOptions& client = {});

}  // namespace wgbot::telegram
