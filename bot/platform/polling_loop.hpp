// What a platform's long-polling loop is to its owner (Telegram's and Zalo Bot's Poller): started
// once, stopped by cancelling the request in flight and any back-off, both through the
// IntakeLifecycle that runs the loop. The derived poller keeps its loop, its state and its logs.
// Boost-free.
#pragma once

#include <functional>

namespace wgbot {

class IntakeLifecycle;

class PollingLoop {
 public:
  PollingLoop(const PollingLoop&) = delete;
  PollingLoop& operator=(const PollingLoop&) = delete;

  // Starts the loop; a second start, or one after stop, does nothing. Any thread.
  void start();
  // Cancels the request in flight and any back-off; `done` runs on the io_context once the loop
  // has ended (what is being stored is allowed to commit first). Any thread.
  void stop(std::function<void()> done);

 protected:
  PollingLoop() = default;
  ~PollingLoop() = default;

  // Once, from the derived constructor: the lifecycle that runs the loop, and how to spawn it.
  void attach(IntakeLifecycle& lifecycle, std::function<void()> spawn);

 private:
  IntakeLifecycle* lifecycle_ = nullptr;
  std::function<void()> spawn_;
};

}  // namespace wgbot
