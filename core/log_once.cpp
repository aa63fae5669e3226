#include "core/log_once.hpp"

namespace wgbot {

bool LogOnce::first_time(std::string_view kind) {
  std::lock_guard lock(mu_);
  if (seen_.contains(kind) || seen_.size() >= kMaxKinds) return false;
  seen_.emplace(kind);
  return true;
}

}  // namespace wgbot
