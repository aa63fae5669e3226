// Run-time settings (/settings, the `settings` table) applied over the configuration loaded at
// start-up: precedence built-in < file < environment < settings. Whoever reads the schedule
// (the scheduler, the dispatcher) asks for the configuration of the settings it last read;
// the result is built once per distinct set of settings. Thread-safe.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

#include "config/config.hpp"

namespace wgbot {

class SettingsOverlay {
 public:
  // `base_values`: LoadedConfig::base_values; `base`: the configuration built from them.
  SettingsOverlay(std::map<std::string, nlohmann::json> base_values,
                  std::shared_ptr<const Config> base);

  // The configuration with `settings` (key → JSON text) applied. Rows for keys that are not
  // run-time settings, or whose value no longer passes, are skipped.
  std::shared_ptr<const Config> config_for(const std::map<std::string, std::string>& settings);

 private:
  std::map<std::string, nlohmann::json> base_values_;
  std::shared_ptr<const Config> base_;
  std::mutex mutex_;
  std::map<std::string, std::string> last_settings_;
  std::shared_ptr<const Config> last_;
};

}  // namespace wgbot
