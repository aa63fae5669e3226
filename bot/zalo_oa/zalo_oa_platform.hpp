// The Zalo Official Account as a Platform: the signed webhook, the token that every API call
// needs, and its Delivery. No polling: the OA's webhook URL is set by hand in Zalo's developer
// console, so start() only loads the token (refreshing it if needed) and logs the URL to set.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "bot/http/http_client.hpp"
#include "bot/platform/platform.hpp"
#include "bot/zalo_oa/token_manager.hpp"

namespace wgbot::zalo_oa {

struct PlatformOptions {
  // Conservative: the OA publishes no per-second limits (tests on a ManualClock raise them).
  RateLimits rate{5, 1, 20};
  TokenOptions tokens;
  http::ClientOptions client;
  // How often the token is looked at while nothing is sent, so it is refreshed before it expires
  // even on a quiet day (the refresh token itself expires if never used).
  std::chrono::milliseconds token_check_every{std::chrono::minutes{5}};
};

// The URL to enter in Zalo's console: public_url + "/webhook/zalo-oa".
[[nodiscard]] std::string webhook_url(const Config& config);

class ZaloOaPlatform final : public Platform {
 public:
  // `context.config->zalo_oa.app_id` must be set.
  explicit ZaloOaPlatform(PlatformContext& context, const PlatformOptions& options = {});
  ~ZaloOaPlatform() override;
  ZaloOaPlatform(const ZaloOaPlatform&) = delete;
  ZaloOaPlatform& operator=(const ZaloOaPlatform&) = delete;

  [[nodiscard]] std::string_view id() const override;
  // Plain text of up to 2000 characters, 1:1 chats only, no buttons.
  [[nodiscard]] Capabilities capabilities() const override;
  [[nodiscard]] RateLimits rate_limits() const override;
  // Registers POST /webhook/zalo-oa and loads the stored token (through the writer, so at
  // start-up, before the server starts).
  void add_routes(http::Router& router) override;
  // Refreshes the token on the io_context when it is missing or close to expiry, then keeps
  // looking at it every `token_check_every` until stopped.
  void start() override;
  void stop(std::function<void()> done) override;
  Delivery& delivery() override;

  TokenManager& tokens();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The factory the app registers: a ZaloOaPlatform when zalo_oa.app_id is set.
std::unique_ptr<Platform> make_zalo_oa_platform(PlatformContext& context);

}  // namespace wgbot::zalo_oa
