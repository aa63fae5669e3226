#include "bot/zalo_oa/zalo_oa_platform.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <mutex>

#include "bot/zalo_oa/event_parser.hpp"
#include "bot/zalo_oa/webhook_endpoint.hpp"
#include "bot/zalo_oa/zalo_oa_delivery.hpp"
#include "config/config.hpp"
#include "core/metrics.hpp"

namespace wgbot::zalo_oa {

namespace {

RefreshRequest refresh_request(const ZaloOaConfig& config) {
  return RefreshRequest{config.oauth_base_url, config.app_id, config.app_secret, {}};
}

}  // namespace

std::string webhook_url(const Config& config) {
  std::string base = config.public_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + std::string(kWebhookPath);
}

struct ZaloOaPlatform::Impl {
  Impl(PlatformContext& c, const PlatformOptions& options)
      : ioc(c.ioc),
        config(c.config),
        http(c.ioc, options.client),
        tokens(c.ioc, http, c.writer, c.clock, refresh_request(config->zalo_oa),
               config->zalo_oa.refresh_token, options.tokens),
        delivery(http, tokens, c.writer, c.clock, config->zalo_oa.api_base_url),
        webhook(c.ingest, c.metrics, config->zalo_oa.app_id, config->zalo_oa.oa_secret),
        rate(options.rate),
        token_check_every(options.token_check_every),
        token_timer(c.ioc) {
    c.metrics.add_platform(kPlatformId);
  }

  void check_token() {
    tokens.current([](const TokenResult& token) {
      if (!token.ok) spdlog::warn("event=zalo_oa_no_token error=\"{}\"", token.error);
    });
  }

  void arm_token_check() {
    std::lock_guard lock(timer_mutex);
    if (stopped) return;
    timer_armed = true;
    token_timer.expires_after(token_check_every);
    token_timer.async_wait([this](const boost::system::error_code& ec) { on_token_check(ec); });
  }

  // The timer's handler is the last thing of this platform's on the io_context: once it has run
  // after stop(), `stop_done` may let the platform go.
  void on_token_check(const boost::system::error_code& ec) {
    std::function<void()> done;
    {
      std::lock_guard lock(timer_mutex);
      timer_armed = false;
      if (stopped) done = std::move(stop_done);
    }
    if (done) {
      done();
      return;
    }
    if (ec) return;
    check_token();
    arm_token_check();
  }

  void stop(std::function<void()> done) {
    std::lock_guard lock(timer_mutex);
    stopped = true;
    if (!timer_armed) {
      if (done) boost::asio::post(ioc, std::move(done));
      return;
    }
    stop_done = done ? std::move(done) : [] {};
    token_timer.cancel();
  }

  boost::asio::io_context& ioc;
  std::shared_ptr<const Config> config;
  http::HttpClient http;
  TokenManager tokens;
  ZaloOaDelivery delivery;
  WebhookEndpoint webhook;
  const RateLimits rate;
  const std::chrono::milliseconds token_check_every;
  bool loaded = false;

  std::mutex timer_mutex;
  boost::asio::steady_timer token_timer;
  bool timer_armed = false;
  bool stopped = false;
  std::function<void()> stop_done;
};

ZaloOaPlatform::ZaloOaPlatform(PlatformContext& context, const PlatformOptions& options)
    : impl_(std::make_unique<Impl>(context, options)) {}

ZaloOaPlatform::~ZaloOaPlatform() = default;

std::unique_ptr<Platform> make_zalo_oa_platform(PlatformContext& context) {
  if (!context.config->zalo_oa.enabled()) return nullptr;
  return std::make_unique<ZaloOaPlatform>(context);
}

std::string_view ZaloOaPlatform::id() const {
  return kPlatformId;
}

Capabilities ZaloOaPlatform::capabilities() const {
  Capabilities c;
  c.max_message_length = kMaxMessageChars;
  return c;
}

RateLimits ZaloOaPlatform::rate_limits() const {
  return impl_->rate;
}

void ZaloOaPlatform::add_routes(http::Router& router) {
  impl_->webhook.add_routes(router);
  if (!impl_->loaded) impl_->tokens.load();
  impl_->loaded = true;
}

void ZaloOaPlatform::start() {
  if (!impl_->loaded) impl_->tokens.load();
  impl_->loaded = true;
  spdlog::info("event=zalo_oa_webhook url={} detail=\"set this URL in the Zalo developer console\"",
               webhook_url(*impl_->config));
  impl_->check_token();
  impl_->arm_token_check();
}

// Only the token timer is cancelled: the webhook stops with the server, and a refresh in flight
// finishes on its own.
void ZaloOaPlatform::stop(std::function<void()> done) {
  impl_->stop(std::move(done));
}

Delivery& ZaloOaPlatform::delivery() {
  return impl_->delivery;
}

TokenManager& ZaloOaPlatform::tokens() {
  return impl_->tokens;
}

}  // namespace wgbot::zalo_oa
