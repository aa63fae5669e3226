#include "bot/platform/bot_api_platform.hpp"

#include <utility>

#include "bot/platform/bot_api_startup.hpp"

namespace wgbot {

void BotApiPlatform::start() {
  parts_.startup->start();
}

void BotApiPlatform::stop(std::function<void()> done) {
  parts_.startup->stop(std::move(done));
}

bool BotApiPlatform::webhook_mode() const {
  return parts_.startup->webhook_mode();
}

}  // namespace wgbot
