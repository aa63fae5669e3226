// Turns checked JSON values into the typed Config, validating what a type cannot say.
#pragma once

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "config/config.hpp"

namespace wgbot {

// Throws ConfigError naming the key.
Config build_config(const std::map<std::string, nlohmann::json>& values);

// "07:30" → 450 minutes; nullopt when malformed.
std::optional<std::chrono::minutes> parse_clock_time(const std::string& text);

}  // namespace wgbot
