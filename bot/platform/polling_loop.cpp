#include "bot/platform/polling_loop.hpp"

#include <utility>

#include "bot/platform/intake_lifecycle.hpp"

namespace wgbot {

void PollingLoop::start() {
  spawn_();
}

void PollingLoop::stop(std::function<void()> done) {
  lifecycle_->stop(std::move(done));
}

void PollingLoop::attach(IntakeLifecycle& lifecycle, std::function<void()> spawn) {
  lifecycle_ = &lifecycle;
  spawn_ = std::move(spawn);
}

}  // namespace wgbot
