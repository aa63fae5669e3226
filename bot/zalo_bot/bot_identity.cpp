#include "bot/zalo_bot/bot_identity.hpp"

#include <algorithm>

#include "core/json_fields.hpp"

namespace wgbot::zalo_bot {

void BotIdentity::learn(const nlohmann::json& get_me_result) {
  std::vector<std::string> names;
  // Sources disagree on the field (account_name in the docs, name in older SDKs): keep all.
  for (const char* key : {"display_name", "name", "account_name"}) {
    std::string name = string_member(get_me_result, key);
    if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end()) {
      names.push_back(std::move(name));
    }
  }
  std::lock_guard lock(mutex_);
  names_ = std::move(names);
  known_ = true;
}

bool BotIdentity::known() const {
  std::lock_guard lock(mutex_);
  return known_;
}

std::vector<std::string> BotIdentity::names() const {
  std::lock_guard lock(mutex_);
  return names_;
}

}  // namespace wgbot::zalo_bot
