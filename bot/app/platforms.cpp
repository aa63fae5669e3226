#include "bot/app/platforms.hpp"

#include "bot/telegram/telegram_platform.hpp"

namespace wgbot {

std::vector<PlatformFactory> registered_platforms() {
  return {
      telegram::make_telegram_platform,
  };
}

}  // namespace wgbot
