// The platforms this build knows. Adding a platform is one line in platforms.cpp.
#pragma once

#include <vector>

#include "bot/platform/platform.hpp"

namespace wgbot {

// Each factory makes its platform when the configuration enables it (its token is set).
std::vector<PlatformFactory> registered_platforms();

}  // namespace wgbot
