#include "bot/app/platforms.hpp"

#include "bot/telegram/telegram_platform.hpp"
#include "bot/zalo_bot/zalo_bot_platform.hpp"
#include "bot/zalo_oa/zalo_oa_platform.hpp"

namespace wgbot {

std::vector<PlatformFactory> registered_platforms() {
  return {
      telegram::make_telegram_platform,
      zalo_bot::make_zalo_bot_platform,
      zalo_oa::make_zalo_oa_platform,
  };
}

}  // namespace wgbot
