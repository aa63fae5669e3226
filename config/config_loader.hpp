// Loads the configuration: built-in defaults < JSON file < environment < run-time settings.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "config/config.hpp"

namespace wgbot {

// A configuration error; the message is one line that names the key.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ConfigValueReport {
  std::string key;
  std::string value;   // as JSON, secrets masked
  std::string source;  // "default", "file wgbot.json", "env WGBOT_…", "settings"
};

struct LoadedConfig {
  Config config;
  std::vector<ConfigValueReport> report;
  std::string file;  // the file read, if any
  // The values of every key the schema marks secret (tokens, webhook secrets, app keys), set or
  // not: the logger redacts them.
  std::vector<std::string> secrets;
  // Every key's value from defaults, file and environment, before run-time settings: the base
  // a SettingsOverlay applies /settings changes to.
  std::map<std::string, nlohmann::json> base_values;
};

struct ConfigInputs {
  std::optional<std::string> explicit_path;  // --config
  std::string working_dir_file = "wgbot.json";
  // Environment lookup; tests pass their own.
  std::map<std::string, std::string> env;
  // Values changed at run time with /settings, as JSON text per key.
  std::map<std::string, std::string> settings;
};

// Reads the process environment into a map of WGBOT_* variables.
std::map<std::string, std::string> wgbot_environment();

// Throws ConfigError.
LoadedConfig load_config(const ConfigInputs& inputs);

// The environment variable of a key: "telegram.api_base_url" → "WGBOT_TELEGRAM_API_BASE_URL".
std::string env_name_for(const std::string& key);

// Every key of the schema, in table order.
std::vector<std::string> config_keys();

// Whether `key` may be changed at run time with /settings.
bool is_runtime_setting(const std::string& key);

// A run-time setting as an admin types it ("08:00", "3,1,0", "mon,tue,wed") → its JSON text,
// checked against the key's type and rules. nullopt when the value is bad; `key` must be a
// run-time setting.
std::optional<std::string> parse_setting(const std::string& key, std::string_view typed);

}  // namespace wgbot
