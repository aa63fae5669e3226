// What the bot learned about itself from getMe, shared by the webhook and the poller: until it
// is known, group mentions cannot be told apart, so intake waits for it.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace wgbot::zalo_bot {

class BotIdentity {
 public:
  // Records the names in getMe's `result`. Any thread.
  void learn(const nlohmann::json& get_me_result);
  [[nodiscard]] bool known() const;
  // How a group mention may name the bot (account_name, and name / display_name if given).
  [[nodiscard]] std::vector<std::string> names() const;

 private:
  mutable std::mutex mutex_;
  bool known_ = false;
  std::vector<std::string> names_;
};

}  // namespace wgbot::zalo_bot
