#include "bot/platform/bot_api_delivery.hpp"

#include <spdlog/spdlog.h>

namespace wgbot {

DeliveryStatus token_rejected(std::string_view event) {
  spdlog::error("{} detail=\"the bot token was rejected\"", event);
  return DeliveryStatus::transient;
}

DeliveryResult no_such_part() {
  DeliveryResult nothing;
  nothing.status = DeliveryStatus::rejected;
  nothing.error = "no such part";
  return nothing;
}

}  // namespace wgbot
