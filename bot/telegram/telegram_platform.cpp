#include "bot/telegram/telegram_platform.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <spdlog/spdlog.h>
#include <boost/asio/use_awaitable.hpp>

#include <array>

#include "bot/dispatch/dispatcher.hpp"
#include "bot/platform/bot_api_startup.hpp"
#include "bot/platform/webhook_secret.hpp"
#include "bot/telegram/api_client_awaitable.hpp"
#include "bot/telegram/bot_commands.hpp"
#include "bot/telegram/formatter.hpp"
#include "bot/telegram/telegram_delivery.hpp"
#include "bot/telegram/webhook_endpoint.hpp"
#include "config/config.hpp"
#include "core/metrics.hpp"
#include "storage/audit_repository.hpp"
#include "storage/connection.hpp"
#include "storage/writer.hpp"

namespace wgbot::telegram {

namespace asio = boost::asio;

namespace {

constexpr std::string_view kPlatform = "telegram";

void log_step_failure(std::string_view step, const ApiResult& r) {
  log_call_failed("event=telegram_call_failed", step, r);
}

}  // namespace

std::string resolve_webhook_secret(const Config& config, storage::Writer& writer) {
  return wgbot::resolve_webhook_secret(config.telegram.webhook_secret, kGeneratedSecretKey, writer);
}

std::string webhook_url(const Config& config) {
  return wgbot::webhook_url(config.public_url, kWebhookPath);
}

struct TelegramPlatform::Impl {
  Impl(PlatformContext& c, PlatformOptions o)
      : config(c.config),
        writer(c.writer),
        ingest(c.ingest),
        dispatcher(c.dispatcher),
        metrics(c.metrics),
        options(std::move(o)),
        http(c.ioc, options.client),
        api(http, config->telegram.api_base_url, config->telegram.token),
        delivery(api),
        poller(c.ioc, api, c.writer, c.ingest, c.metrics, options.poller),
        startup(c.ioc, c.metrics, kPlatform, config->public_url, options.startup_backoff,
                {[this] { return run_startup(); }, "event=telegram_startup_failed",
                 [this](std::function<void()> ended) { poller.stop(std::move(ended)); }}) {}

  std::shared_ptr<const Config> config;
  storage::Writer& writer;
  IngestService& ingest;
  Dispatcher& dispatcher;
  Metrics& metrics;
  const PlatformOptions options;
  http::HttpClient http;
  ApiClient api;
  TelegramDelivery delivery;
  Poller poller;
  std::unique_ptr<WebhookEndpoint> webhook;
  std::string secret;  // resolved by add_routes

  // Runs start-up; stopping also stops the poller.
  BotApiStartup startup;

  asio::awaitable<void> run_startup();
  // Retries with back-off until the call succeeds; a non-ok result only when stopping.
  asio::awaitable<ApiResult> call_until_ok(std::string method, nlohmann::json body) {
    return startup.call_until_ok<ApiResult>(api, std::move(method), std::move(body), kCallTimeout,
                                            log_step_failure);
  }
  asio::awaitable<void> set_commands();
};

// The menu is cosmetic: a failure is logged, not retried.
asio::awaitable<void> TelegramPlatform::Impl::set_commands() {
  // Vietnamese for the default list and for "vi" clients; English for "en" clients.
  const std::array<std::pair<Lang, std::string>, 3> lists = {
      std::pair{Lang::vi, std::string()}, std::pair{Lang::vi, std::string("vi")},
      std::pair{Lang::en, std::string("en")}};
  for (const auto& [lang, code] : lists) {
    auto op = async_call(api, "setMyCommands", set_my_commands_body(bot_commands(lang), code),
                         kCallTimeout, &startup.lifecycle().canceller(), asio::use_awaitable);
    const ApiResult r = co_await std::move(op);
    if (startup.stopping()) co_return;
    if (!r.succeeded()) log_step_failure("setMyCommands", r);
  }
}

asio::awaitable<void> TelegramPlatform::Impl::run_startup() {
  auto get_me = call_until_ok("getMe", nlohmann::json::object());
  const ApiResult me = co_await std::move(get_me);
  if (startup.stopping()) co_return;
  startup.identified();
  const std::string username =
      me.result.is_object() ? me.result.value("username", std::string()) : std::string();
  dispatcher.set_bot_username(std::string(kPlatform), username);
  if (webhook) webhook->set_ready(true);
  spdlog::info("event=telegram_identity username={} mode={}", username,
               startup.webhook_mode() ? "webhook" : "long_polling");
  co_await set_commands();
  if (startup.stopping()) co_return;
  const auto intake = startup.next_intake(webhook != nullptr, "Telegram");
  if (intake == BotApiStartup::Intake::poll) poller.start();
  if (intake != BotApiStartup::Intake::set_webhook) co_return;
  auto set_op = call_until_ok("setWebhook", set_webhook_body(webhook_url(*config), secret,
                                                             options.webhook_max_connections));
  const ApiResult set = co_await std::move(set_op);
  if (set.succeeded())
    spdlog::info("event=webhook_set platform=telegram url={}", webhook_url(*config));
}

namespace {

Capabilities telegram_capabilities() {
  Capabilities c;
  c.buttons = true;
  c.max_message_length = kMaxMessageUnits;
  c.groups = true;
  c.files = true;
  c.photos = true;
  return c;
}

}  // namespace

TelegramPlatform::TelegramPlatform(PlatformContext& context, PlatformOptions options)
    : impl_(std::make_unique<Impl>(context, std::move(options))) {
  const auto& rate = impl_->config->telegram.rate;
  attach({kPlatformId, telegram_capabilities(),
          RateLimits{rate.global_per_s, rate.per_chat_per_s, rate.per_group_per_min},
          &impl_->delivery, &impl_->startup});
}

TelegramPlatform::~TelegramPlatform() = default;

std::unique_ptr<Platform> make_telegram_platform(PlatformContext& context) {
  if (!context.config->telegram.enabled()) return nullptr;
  return std::make_unique<TelegramPlatform>(context);
}

void TelegramPlatform::add_routes(http::Router& router) {
  impl_->secret = resolve_webhook_secret(*impl_->config, impl_->writer);
  impl_->webhook = std::make_unique<WebhookEndpoint>(impl_->ingest, impl_->metrics, impl_->secret);
  impl_->webhook->add_routes(router);
}

WebhookRegistration register_webhook(const Config& config, storage::Writer& writer,
                                     const http::ClientOptions& client) {
  if (auto refused =
          registration_refused(config.telegram.enabled(), "telegram.token", config.public_url)) {
    return *refused;
  }
  const std::string secret = resolve_webhook_secret(config, writer);
  RegistrationRun run(client);
  ApiClient api(run.http(), config.telegram.api_base_url, config.telegram.token);
  return run.run(
      [&](const RegistrationRun::Finish& finish) {
        api.set_webhook(webhook_url(config), secret, PlatformOptions{}.webhook_max_connections,
                        [&api, finish](const ApiResult& set) {
                          if (!set.succeeded()) {
                            finish(registration_failed("setWebhook", set.description));
                            return;
                          }
                          api.get_webhook_info([finish](const ApiResult& info) {
                            WebhookRegistration out =
                                info.succeeded()
                                    ? WebhookRegistration{}
                                    : registration_failed("getWebhookInfo", info.description);
                            out.ok = info.succeeded();
                            out.info = info.result;
                            finish(std::move(out));
                          });
                        });
      },
      "no answer from the Bot API");
}

}  // namespace wgbot::telegram
