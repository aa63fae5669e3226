#include "bot/zalo_oa/zalo_oa_platform.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

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
        rate(options.rate) {
    c.metrics.add_platform(kPlatformId);
  }

  boost::asio::io_context& ioc;
  std::shared_ptr<const Config> config;
  http::HttpClient http;
  TokenManager tokens;
  ZaloOaDelivery delivery;
  WebhookEndpoint webhook;
  const RateLimits rate;
  bool loaded = false;
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
  impl_->tokens.current([](const TokenResult& token) {
    if (!token.ok) spdlog::warn("event=zalo_oa_no_token error=\"{}\"", token.error);
  });
}

// Nothing polls: the webhook stops with the server, and a refresh in flight finishes on its own.
void ZaloOaPlatform::stop(std::function<void()> done) {
  if (done) boost::asio::post(impl_->ioc, std::move(done));
}

Delivery& ZaloOaPlatform::delivery() {
  return impl_->delivery;
}

TokenManager& ZaloOaPlatform::tokens() {
  return impl_->tokens;
}

}  // namespace wgbot::zalo_oa
