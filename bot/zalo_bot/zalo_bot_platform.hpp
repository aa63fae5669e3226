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

#include "bot/platform/bot_api_options.hpp"
#include "bot/platform/bot_api_platform.hpp"
#include "bot/platform/webhook_registration.hpp"
#include "bot/zalo_bot/poller.hpp"

namespace wgbot::zalo_bot {

inline constexpr std::string_view kGeneratedSecretKey = "zalo_bot.webhook_secret";

// Start-up back-off, HTTP client and polling as Telegram's; and Zalo's own limits and notice.
struct PlatformOptions : BotApiOptions {
  // Zalo publishes no numbers: as conservative as Telegram's (1 a second per chat).
  RateLimits rate{30, 1, 20};
  // A command not answered within this long gets "typing…" in its chat.
  std::chrono::milliseconds typing_after{std::chrono::milliseconds{700}};
};

// `zalo_bot.webhook_secret` if configured, else the one generated on first use and kept in the
// state table. Blocks on the writer: start-up and CLI only.
[[nodiscard]] std::string resolve_webhook_secret(const Config& config, storage::Writer& writer);

// The URL Zalo posts to: public_url + "/webhook/zalo".
[[nodiscard]] std::string webhook_url(const Config& config);

// No buttons, 2000 UTF-16 units a message, groups (only messages that mention the bot), photos
// in webhook mode (served from public_url + /media/, see ZaloBotDelivery). Start-up: getMe, then
// setWebhook or polling.
class ZaloBotPlatform final : public BotApiPlatform {
 public:
  // `context.config->zalo_bot.token` must be set.
  explicit ZaloBotPlatform(PlatformContext& context, PlatformOptions options = {});
  ~ZaloBotPlatform() override;
  ZaloBotPlatform(const ZaloBotPlatform&) = delete;
  ZaloBotPlatform& operator=(const ZaloBotPlatform&) = delete;

  // Registers POST /webhook/zalo (in both modes: harmless when polling). Resolves the secret
  // through the writer, so call it at start-up, before the server starts.
  void add_routes(http::Router& router) override;

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
