#include "bot/zalo_bot/zalo_bot_platform.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <random>

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

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

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
  std::string base = config.public_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + std::string(kWebhookPath);
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
        delivery(api),
        poller(c.ioc, api, c.ingest, c.metrics, identity, options.poller),
        strand(asio::make_strand(c.ioc)),
        timer(strand),
        rng(std::random_device{}()) {}

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
  std::unique_ptr<WebhookEndpoint> webhook;
  std::string secret;  // resolved by add_routes

  asio::strand<asio::io_context::executor_type> strand;
  asio::steady_timer timer;
  std::mt19937_64 rng;
  // Strand only.
  CallCanceller cancel;
  bool started = false;
  bool stopping = false;
  int parts_running = 0;  // start-up, poller
  std::function<void()> stopped;

  [[nodiscard]] bool webhook_mode() const { return !config->public_url.empty(); }
  asio::awaitable<void> startup();
  asio::awaitable<ApiResult> call_until_ok(std::string method, nlohmann::json body);
  void part_stopped();
};

// Retries with back-off until the call succeeds; a non-ok result only when stopping.
asio::awaitable<ApiResult> ZaloBotPlatform::Impl::call_until_ok(std::string method,
                                                                nlohmann::json body) {
  for (int failures = 1;; ++failures) {
    // Operations are created before co_await: GCC 12 mishandles temporaries inside it.
    auto op = async_call(api, method, body, kCallTimeout, &cancel, asio::use_awaitable);
    ApiResult r = co_await std::move(op);
    if (stopping || r.succeeded()) co_return r;
    metrics.set_reachable(kPlatformId, r.error_code != 0);
    log_step_failure(method, r);
    timer.expires_after(backoff(failures, rng(), options.startup_backoff));
    co_await timer.async_wait(kTuple);
    if (stopping) co_return r;
  }
}

asio::awaitable<void> ZaloBotPlatform::Impl::startup() {
  auto get_me = call_until_ok("getMe", nlohmann::json::object());
  const ApiResult me = co_await std::move(get_me);
  if (stopping) co_return;
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

void ZaloBotPlatform::Impl::part_stopped() {
  if (--parts_running > 0 || !stopped) return;
  asio::post(strand, std::exchange(stopped, nullptr));
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
                                                     impl_->secret);
  impl_->webhook->add_routes(router);
}

void ZaloBotPlatform::start() {
  asio::post(impl_->strand, [impl = impl_.get()] {
    if (impl->started || impl->stopping) return;
    impl->started = true;
    impl->parts_running = 2;  // start-up and the poller (which reports even unstarted)
    asio::co_spawn(impl->strand, impl->startup(),
                   asio::bind_executor(impl->strand, [impl](const std::exception_ptr& e) {
                     if (e) {
                       try {
                         std::rethrow_exception(e);
                       } catch (const std::exception& ex) {
                         spdlog::error("event=zalo_bot_startup_failed error=\"{}\"", ex.what());
                       }
                     }
                     impl->part_stopped();
                   }));
  });
}

void ZaloBotPlatform::stop(std::function<void()> done) {
  asio::post(impl_->strand, [impl = impl_.get(), done = std::move(done)]() mutable {
    if (impl->stopping) {  // a second stop() is told when the first one finishes
      if (impl->parts_running <= 0 || !impl->started) {
        if (done) asio::post(impl->strand, std::move(done));
      } else if (done) {
        impl->stopped = [first = std::move(impl->stopped), done = std::move(done)] {
          if (first) first();
          done();
        };
      }
      return;
    }
    impl->stopping = true;
    impl->stopped = std::move(done);
    if (!impl->started) {
      if (impl->stopped) asio::post(impl->strand, std::exchange(impl->stopped, nullptr));
      return;
    }
    impl->cancel.cancel();
    impl->timer.cancel();
    auto back = [impl] { asio::post(impl->strand, [impl] { impl->part_stopped(); }); };
    impl->poller.stop(back);
  });
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
