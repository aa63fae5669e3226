// Zalo Bot Platform as a Platform: the webhook route, start-up against the Bot API (getMe, then
// setWebhook or long polling), its Delivery, and stopping by cancellation. The app wires it
// through a PlatformHost, which adds the shared outbox sender.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "bot/http/http_client.hpp"
#include "bot/outbound/retry_policy.hpp"
#include "bot/platform/platform.hpp"
#include "bot/platform/webhook_registration.hpp"
#include "bot/zalo_bot/poller.hpp"

namespace wgbot {
struct Config;
namespace storage {
class Writer;
}
}  // namespace wgbot

namespace wgbot::zalo_bot {

inline constexpr std::string_view kGeneratedSecretKey = "zalo_bot.webhook_secret";

struct PlatformOptions {
  PollerOptions poller;
  // getMe and setWebhook are retried until they succeed (a network outage at start-up).
  BackoffPolicy startup_backoff{std::chrono::seconds{1}, std::chrono::minutes{5}, Jitter::equal};
  // Zalo publishes no numbers: as conservative as Telegram's (1 a second per chat).
  RateLimits rate{30, 1, 20};
  http::ClientOptions client;
  // A command not answered within this long gets "typing…" in its chat.
  std::chrono::milliseconds typing_after{std::chrono::milliseconds{700}};
};

// `zalo_bot.webhook_secret` if configured, else the one generated on first use and kept in the
// state table. Blocks on the writer: start-up and CLI only.
[[nodiscard]] std::string resolve_webhook_secret(const Config& config, storage::Writer& writer);

// The URL Zalo posts to: public_url + "/webhook/zalo".
[[nodiscard]] std::string webhook_url(const Config& config);

class ZaloBotPlatform final : public Platform {
 public:
  // `context.config->zalo_bot.token` must be set.
  explicit ZaloBotPlatform(PlatformContext& context, PlatformOptions options = {});
  ~ZaloBotPlatform() override;
  ZaloBotPlatform(const ZaloBotPlatform&) = delete;
  ZaloBotPlatform& operator=(const ZaloBotPlatform&) = delete;

  [[nodiscard]] std::string_view id() const override;
  // No buttons, 2000 UTF-16 units a message, groups (only messages that mention the bot),
  // photos in webhook mode (served from public_url + /media/, see ZaloBotDelivery).
  [[nodiscard]] Capabilities capabilities() const override;
  [[nodiscard]] RateLimits rate_limits() const override;
  // Registers POST /webhook/zalo (in both modes: harmless when polling). Resolves the secret
  // through the writer, so call it at start-up, before the server starts.
  void add_routes(http::Router& router) override;
  // getMe, then setWebhook / polling, follow on the io_context. Webhook updates get 503 until
  // getMe has told the bot its name.
  void start() override;
  // Cancels polling (the long poll in flight) and start-up; `done` on the io_context.
  void stop(std::function<void()> done) override;
  Delivery& delivery() override;

  [[nodiscard]] bool webhook_mode() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The factory the app registers: a ZaloBotPlatform when zalo_bot.token is set.
std::unique_ptr<Platform> make_zalo_bot_platform(PlatformContext& context);

// For `wgbot set-webhook --platform zalo-bot`: setWebhook (public_url + "/webhook/zalo" and the
// resolved secret), whose `result` (url, updated_at, verification) is the registration's `info`.
// Runs its own short-lived io_context; blocks.
using WebhookRegistration = wgbot::WebhookRegistration;
[[nodiscard]] WebhookRegistration register_webhook(const Config& config, storage::Writer& writer,
                                                   const http::ClientOptions& client = {});

}  // namespace wgbot::zalo_bot
