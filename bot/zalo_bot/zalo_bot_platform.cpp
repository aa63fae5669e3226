#include "bot/zalo_bot/zalo_bot_platform.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <boost/asio/use_awaitable.hpp>

#include "bot/platform/bot_api_startup.hpp"
#include "bot/platform/slow_reply_notice.hpp"
#include "bot/platform/webhook_secret.hpp"
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
  log_call_failed("event=zalo_bot_call_failed", step, r);
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
        startup(c.ioc, c.metrics, kPlatformId, config->public_url, options.startup_backoff,
                {[this] { return run_startup(); }, "event=zalo_bot_startup_failed",
                 [this](std::function<void()> ended) { poller.stop(std::move(ended)); }}) {}

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

  // getMe, then polling or setWebhook; stopping also stops the poller.
  BotApiStartup startup;

  asio::awaitable<void> run_startup();
};

asio::awaitable<void> ZaloBotPlatform::Impl::run_startup() {
  auto get_me = startup.call_until_ok<ApiResult>(api, "getMe", nlohmann::json::object(),
                                                 kCallTimeout, log_step_failure);
  const ApiResult me = co_await std::move(get_me);
  if (startup.stopping()) co_return;
  startup.identified();
  identity.learn(me.result);
  spdlog::info("event=zalo_bot_identity names=\"{}\" mode={}", fmt::join(identity.names(), ", "),
               startup.webhook_mode() ? "webhook" : "long_polling");
  const auto intake = startup.next_intake(webhook != nullptr, "Zalo");
  if (intake == BotApiStartup::Intake::poll) poller.start();
  if (intake != BotApiStartup::Intake::set_webhook) co_return;
  auto set_op = startup.call_until_ok<ApiResult>(
      api, "setWebhook", {{"url", webhook_url(*config)}, {"secret_token", secret}}, kCallTimeout,
      log_step_failure);
  const ApiResult set = co_await std::move(set_op);
  if (set.succeeded()) {
    spdlog::info("event=webhook_set platform=zalo_bot url={} verification={}", webhook_url(*config),
                 set.result.is_object() && set.result.contains("verification")
                     ? set.result.at("verification").dump()
                     : std::string("-"));
  }
}

namespace {

Capabilities zalo_bot_capabilities(bool webhook_mode) {
  Capabilities c;
  c.max_message_length = kMaxMessageUnits;
  c.groups = true;
  // Zalo fetches a photo from a URL: the bot serves it only where it is reachable (webhook mode).
  c.photos = webhook_mode;
  return c;
}

}  // namespace

ZaloBotPlatform::ZaloBotPlatform(PlatformContext& context, PlatformOptions options)
    : impl_(std::make_unique<Impl>(context, std::move(options))) {
  attach({kPlatformId, zalo_bot_capabilities(impl_->startup.webhook_mode()), impl_->options.rate,
          &impl_->delivery, &impl_->startup});
}

ZaloBotPlatform::~ZaloBotPlatform() = default;

std::unique_ptr<Platform> make_zalo_bot_platform(PlatformContext& context) {
  if (!context.config->zalo_bot.enabled()) return nullptr;
  return std::make_unique<ZaloBotPlatform>(context);
}

void ZaloBotPlatform::add_routes(http::Router& router) {
  impl_->secret = resolve_webhook_secret(*impl_->config, impl_->writer);
  impl_->webhook = std::make_unique<WebhookEndpoint>(impl_->ingest, impl_->metrics, impl_->identity,
                                                     impl_->secret, &impl_->typing);
  impl_->webhook->add_routes(router);
}

WebhookRegistration register_webhook(const Config& config, storage::Writer& writer,
                                     const http::ClientOptions& client) {
  if (auto refused =
          registration_refused(config.zalo_bot.enabled(), "zalo_bot.token", config.public_url)) {
    return *refused;
  }
  const std::string secret = resolve_webhook_secret(config, writer);
  RegistrationRun run(client);
  ApiClient api(run.http(), config.zalo_bot.api_base_url, config.zalo_bot.token);
  return run.run(
      [&](const RegistrationRun::Finish& finish) {
        api.set_webhook(webhook_url(config), secret, [finish](const ApiResult& set) {
          WebhookRegistration out = set.succeeded()
                                        ? WebhookRegistration{}
                                        : registration_failed("setWebhook", set.description);
          out.ok = set.succeeded();
          out.info = set.result;
          finish(std::move(out));
        });
      },
      "no answer from the Zalo Bot API");
}

}  // namespace wgbot::zalo_bot
