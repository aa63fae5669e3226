// Telegram and Zalo Bot as Platforms: everything but their webhook route is fixed once they are
// built (id, capabilities, limits, delivery) or run by their BotApiStartup (start, stop, and
// whether updates come by webhook or by long polling). The derived class builds those parts and
// attaches them; it implements only add_routes. Boost-free.
#pragma once

#include <functional>
#include <string_view>

#include "bot/platform/platform.hpp"

namespace wgbot {

class BotApiStartup;

class BotApiPlatform : public Platform {
 public:
  [[nodiscard]] std::string_view id() const final { return parts_.id; }
  [[nodiscard]] Capabilities capabilities() const final { return parts_.capabilities; }
  [[nodiscard]] RateLimits rate_limits() const final { return parts_.rate_limits; }
  Delivery& delivery() final { return *parts_.delivery; }

  // getMe and the platform's own start-up steps, then setWebhook or polling, follow on the
  // io_context. Webhook updates get 503 until getMe has told the bot who it is.
  void start() final;
  // Cancels polling (the long poll in flight) and start-up; `done` on the io_context.
  void stop(std::function<void()> done) final;

  // public_url is set: updates come by webhook, else by long polling.
  [[nodiscard]] bool webhook_mode() const;

 protected:
  struct Parts {
    std::string_view id;
    Capabilities capabilities;
    RateLimits rate_limits;
    Delivery* delivery = nullptr;      // owned by the derived class
    BotApiStartup* startup = nullptr;  // owned by the derived class
  };

  BotApiPlatform() = default;
  // Once, from the derived constructor.
  void attach(const Parts& parts) { parts_ = parts; }

 private:
  Parts parts_;
};

}  // namespace wgbot
