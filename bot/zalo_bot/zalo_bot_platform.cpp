#include "bot/zalo_bot/zalo_bot_platform.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/platform/intake_lifecycle.hpp"
#include "bot/platform/slow_reply_notice.hpp"
#include "bot/platform/webhook_secret.hpp"
#include "bot/zalo_bot/api_client_awaitable.hpp"
#include "bot/zalo_bot/bot_identity.hpp"
#include "bot/zalo_bot/formatter.hpp"
#include "bot/zalo_bot/update_parser.hpp"
#include "bot/zalo_bot/webhook_endpoint.hpp"
#include "bot/zalo_bot/zalo_bot_delivery.hpp"
#include "config/config.hpp"
#include "core/metrics.hpp"
#include "storage/writer.hpp"

namespace wgbot::zalo_bot {

namespace asio = boost::asio;

namespace {

void log_step_failure(std::string_view step, const ApiResult& r) {
  if (r.outcome == ApiOutcome::unauthorized) {
    spdlog::error("event=zalo_bot_call_failed method={} detail=\"the bot token was rejected\"",
                  step);
    return;
  }
  spdlog::warn("event=zalo_bot_call_failed method={} outcome={} code={} description=\"{}\"", step,
               to_string(r.outcome), r.error_code, r.description);
}

}  // namespace

std::string resolve_webhook_secret(const Config& config, storage::Writer& writer) {
  return wgbot::resolve_webhook_secret(config.zalo_bot.webhook_secret, kGeneratedSecretKey, writer);
}

std::string webhook_url(const Config& config) {
  return wgbot::webhook_url(config.public_url, kWebhookPath);
}

struct ZaloBotPlatform::Impl {
  Impl(PlatformContext& c, PlatformOptions o)
      : config(c.config),
        writer(c.writer),
        ingest(c.ingest),
        metrics(c.metrics),
        options(std::move(o)),
        http(c.ioc, options.client),
        api(http, config->zalo_bot.api_base_url, config->zalo_bot.token),
        delivery(api, PhotoHosting{&c.media, &c.clock, config->public_url}),
        poller(c.ioc, api, c.ingest, c.metrics, identity, options.poller),
        typing(c.ioc, options.typing_after,
               [this](const std::string& chat_id) {
                 api.send_typing(chat_id, [](const ApiResult& r) {
                   if (!r.succeeded()) log_step_failure("sendChatAction", r);
                 });
               }),
        lifecycle(c.ioc, [this](std::function<void()> ended) { poller.stop(std::move(ended)); }) {}

  std::shared_ptr<const Config> config;
  storage::Writer& writer;
  IngestService& ingest;
  Metrics& metrics;
  const PlatformOptions options;
  http::HttpClient http;
  ApiClient api;
  ZaloBotDelivery delivery;
  BotIdentity identity;
  Poller poller;
  SlowReplyNotice typing;
  std::unique_ptr<WebhookEndpoint> webhook;
  std::string secret;  // resolved by add_routes

  // Runs start-up; stopping also stops the poller.
  IntakeLifecycle lifecycle;

  [[nodiscard]] bool webhook_mode() const { return !config->public_url.empty(); }
  asio::awaitable<void> startup();
  asio::awaitable<ApiResult> call_until_ok(std::string method, nlohmann::json body);
};

// Retries with back-off until the call succeeds; a non-ok result only when stopping.
asio::awaitable<ApiResult> ZaloBotPlatform::Impl::call_until_ok(std::string method,
                                                                nlohmann::json body) {
  auto op = lifecycle.call_until_ok<ApiResult>(
      [&] {
        return async_call(api, method, body, kCallTimeout, &lifecycle.canceller(),
                          asio::use_awaitable);
      },
      [&](const ApiResult& r) {
        metrics.set_reachable(kPlatformId, r.error_code != 0);
        log_step_failure(method, r);
      },
      options.startup_backoff);
  co_return co_await std::move(op);
}

asio::awaitable<void> ZaloBotPlatform::Impl::startup() {
  auto get_me = call_until_ok("getMe", nlohmann::json::object());
  const ApiResult me = co_await std::move(get_me);
  if (lifecycle.stopping()) co_return;
  metrics.set_reachable(kPlatformId, true);
  identity.learn(me.result);
  spdlog::info("event=zalo_bot_identity names=\"{}\" mode={}", fmt::join(identity.names(), ", "),
               webhook_mode() ? "webhook" : "long_polling");
  if (!webhook_mode()) {
    poller.start();
    co_return;
  }
  if (!webhook) {
    spdlog::error(
        "event=webhook_not_registered platform=zalo_bot detail=\"add_routes was not "
        "called; Zalo's requests would find no route\"");
    co_return;
  }
  auto set_op =
      call_until_ok("setWebhook", {{"url", webhook_url(*config)}, {"secret_token", secret}});
  const ApiResult set = co_await std::move(set_op);
  if (set.succeeded()) {
    spdlog::info("event=webhook_set platform=zalo_bot url={} verification={}", webhook_url(*config),
                 set.result.is_object() && set.result.contains("verification")
                     ? set.result.at("verification").dump()
                     : std::string("-"));
  }
}

ZaloBotPlatform::ZaloBotPlatform(PlatformContext& context, PlatformOptions options)
    : impl_(std::make_unique<Impl>(context, std::move(options))) {}

ZaloBotPlatform::~ZaloBotPlatform() = default;

std::unique_ptr<Platform> make_zalo_bot_platform(PlatformContext& context) {
  if (!context.config->zalo_bot.enabled()) return nullptr;
  return std::make_unique<ZaloBotPlatform>(context);
}

std::string_view ZaloBotPlatform::id() const {
  return kPlatformId;
}

Capabilities ZaloBotPlatform::capabilities() const {
  Capabilities c;
  c.max_message_length = kMaxMessageUnits;
  c.groups = true;
  // Zalo fetches a photo from a URL: the bot serves it only where it is reachable (webhook mode).
  c.photos = webhook_mode();
  return c;
}

RateLimits ZaloBotPlatform::rate_limits() const {
  return impl_->options.rate;
}

Delivery& ZaloBotPlatform::delivery() {
  return impl_->delivery;
}

void ZaloBotPlatform::add_routes(http::Router& router) {
  impl_->secret = resolve_webhook_secret(*impl_->config, impl_->writer);
  impl_->webhook = std::make_unique<WebhookEndpoint>(impl_->ingest, impl_->metrics, impl_->identity,
                                                     impl_->secret, &impl_->typing);
  impl_->webhook->add_routes(router);
}

void ZaloBotPlatform::start() {
  impl_->lifecycle.start([impl = impl_.get()] { return impl->startup(); },
                         "event=zalo_bot_startup_failed");
}

void ZaloBotPlatform::stop(std::function<void()> done) {
  impl_->lifecycle.stop(std::move(done));
}

bool ZaloBotPlatform::webhook_mode() const {
  return impl_->webhook_mode();
}

WebhookRegistration register_webhook(const Config& config, storage::Writer& writer,
                                     const http::ClientOptions& client) {
  WebhookRegistration out;
  if (!config.zalo_bot.enabled()) {
    out.error = "zalo_bot.token is not set";
    return out;
  }
  if (config.public_url.empty()) {
    out.error = "public_url is not set (without it the bot uses long polling)";
    return out;
  }
  const std::string secret = resolve_webhook_secret(config, writer);
  asio::io_context ioc;
  http::HttpClient http(ioc, client);
  ApiClient api(http, config.zalo_bot.api_base_url, config.zalo_bot.token);
  bool finished = false;
  api.set_webhook(webhook_url(config), secret, [&](const ApiResult& set) {
    out.ok = set.succeeded();
    out.info = set.result;
    if (!out.ok) out.error = "setWebhook failed: " + set.description;
    finished = true;
  });
  while (!finished && ioc.run_one() > 0) {
  }
  if (!finished) out.error = "no answer from the Zalo Bot API";
  return out;
}

}  // namespace wgbot::zalo_bot
