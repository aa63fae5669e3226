// Telegram as a Platform: the webhook route, start-up against the Bot API (getMe,
// setMyCommands, then setWebhook or long polling), its Delivery, and stopping by cancellation
// (the last two as every BotApiPlatform). The app wires it through a PlatformHost, which adds the
// shared outbox sender.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "bot/platform/bot_api_options.hpp"
#include "bot/platform/bot_api_platform.hpp"
#include "bot/platform/webhook_registration.hpp"
#include "bot/telegram/poller.hpp"

namespace wgbot::telegram {

inline constexpr std::string_view kGeneratedSecretKey = "telegram.webhook_secret";

// Start-up back-off, HTTP client and polling as Zalo Bot's; and the webhook's connections.
struct PlatformOptions : BotApiOptions {
  int webhook_max_connections = 40;
};

// `telegram.webhook_secret` if configured, else the one generated on first use and kept in the
// state table. Blocks on the writer: start-up and CLI only.
[[nodiscard]] std::string resolve_webhook_secret(const Config& config, storage::Writer& writer);

// The URL Telegram posts to: public_url + "/webhook/telegram".
[[nodiscard]] std::string webhook_url(const Config& config);

inline constexpr std::string_view kPlatformId = "telegram";

// Inline buttons, 4096 UTF-16 units a message, groups, documents and photos; the sending limits
// of telegram.rate. Start-up: getMe, setMyCommands, then setWebhook or polling.
class TelegramPlatform final : public BotApiPlatform {
 public:
  // `context.config->telegram.token` must be set.
  explicit TelegramPlatform(PlatformContext& context, PlatformOptions options = {});
  ~TelegramPlatform() override;
  TelegramPlatform(const TelegramPlatform&) = delete;
  TelegramPlatform& operator=(const TelegramPlatform&) = delete;

  // Registers POST /webhook/telegram (in both modes: harmless when polling). Resolves the
  // secret through the writer, so call it at start-up, before the server starts.
  void add_routes(http::Router& router) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The factory the app registers: a TelegramPlatform when telegram.token is set.
std::unique_ptr<Platform> make_telegram_platform(PlatformContext& context);

// For `wgbot set-webhook`: setWebhook (public_url + "/webhook/telegram", the resolved secret,
// allowed_updates), then getWebhookInfo, whose `result` (url, pending_update_count, last_error_…)
// is the registration's `info`. Runs its own short-lived io_context; blocks.
using WebhookRegistration = wgbot::WebhookRegistration;
[[nodiscard]] WebhookRegistration register_webhook(const Config& config, storage::Writer& writer,
                                                   const http::ClientOptions& client = {});

}  // namespace wgbot::telegram
