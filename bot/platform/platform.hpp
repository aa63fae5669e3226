// The one interface every chat platform implements (Telegram, Zalo, ...), and what the app lends
// it. A platform owns only what is its own: verifying and parsing its updates (handing them to
// the IngestService), its start-up calls and polling, and how one outbox row is delivered. The
// outbox sender, rate limiter, retries and the ingest path are shared (see PlatformHost).
#pragma once

#include <functional>
#include <memory>
#include <string_view>

#include "bot/outbound/rate_limiter.hpp"
#include "bot/platform/platform_forward.hpp"
#include "core/capabilities.hpp"

namespace wgbot {

// What the app lends each platform; every reference outlives the platform.
struct PlatformContext {
  boost::asio::io_context& ioc;
  std::shared_ptr<const Config> config;
  storage::Writer& writer;
  IngestService& ingest;
  Dispatcher& dispatcher;  // to tell it the bot's own username on the platform
  Metrics& metrics;
  const Clock& clock;
  // Files served by the bot's own HTTP server at public_url + /media/…, for a platform that
  // fetches media by URL instead of taking an upload.
  http::MediaShelf& media;
};

class Platform {
 public:
  virtual ~Platform() = default;

  // The id stored with every update, account and outbox row: "telegram", "zalo_bot", ...
  [[nodiscard]] virtual std::string_view id() const = 0;
  [[nodiscard]] virtual Capabilities capabilities() const = 0;
  // The sending limits its API imposes.
  [[nodiscard]] virtual RateLimits rate_limits() const = 0;

  // Registers the platform's webhook routes; called once, before the server starts.
  virtual void add_routes(http::Router& router) = 0;
  // Begins intake: start-up calls, then webhook readiness or polling. Returns at once.
  virtual void start() = 0;
  // Ends intake by cancelling what is in progress (long polls, start-up calls, their timers);
  // `done` runs on the io_context once nothing more will be handed to the ingest service.
  virtual void stop(std::function<void()> done) = 0;

  // How one outbox row is sent and the answer classified; used by the shared outbox sender.
  virtual Delivery& delivery() = 0;
};

// Makes the platform when its configuration enables it; nullptr otherwise.
using PlatformFactory = std::function<std::unique_ptr<Platform>(PlatformContext&)>;

}  // namespace wgbot
