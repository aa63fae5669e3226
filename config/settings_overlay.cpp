#include "config/settings_overlay.hpp"

#include "config/config_loader.hpp"
#include "config/config_schema.hpp"
#include "config/config_values.hpp"

namespace wgbot {

SettingsOverlay::SettingsOverlay(std::map<std::string, nlohmann::json> base_values,
                                 std::shared_ptr<const Config> base)
    : base_values_(std::move(base_values)), base_(std::move(base)), last_(base_) {}

std::shared_ptr<const Config> SettingsOverlay::config_for(
    const std::map<std::string, std::string>& settings) {
  std::lock_guard lock(mutex_);
  if (settings == last_settings_) return last_;
  auto values = base_values_;
  for (const auto& [key, text] : settings) {
    const KeyDef* def = find_key(key);
    if (def == nullptr || !def->runtime) continue;
    auto parsed = nlohmann::json::parse(text, nullptr, false);
    if (parsed.is_discarded() || !matches_type(parsed, def->type)) continue;
    auto trial = values;
    trial[key] = std::move(parsed);
    try {
      (void)build_config(trial);
      values = std::move(trial);
    } catch (const ConfigError&) {
      continue;  // one stale row does not undo the others
    }
  }
  const Config built = build_config(values);
  // Only what settings may change is taken; everything else stays as loaded.
  auto result = std::make_shared<Config>(*base_);
  result->schedule = built.schedule;
  result->task_assigners = built.task_assigners;
  last_settings_ = settings;
  last_ = std::move(result);
  return last_;
}

}  // namespace wgbot
