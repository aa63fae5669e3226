// A chat platform that exists only in the tests: updates are POSTed to /webhook/loopback as
// {"id","chat","user","name","text"} and what the bot sends is kept in memory. It implements the
// Platform interface and nothing else, to show that a platform plugs in without any change to
// the bot; it has no buttons, so actions arrive as their spelled-out commands.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "bot/outbound/delivery.hpp"
#include "bot/platform/platform.hpp"

namespace wgbot::testing {

struct LoopbackMessage {
  std::string chat_id;
  std::string text;  // as the user sees it: the text, then the hint line, if any
};

// What the platform delivered; shared by the test and the platform (which the bot owns).
class LoopbackInbox {
 public:
  void add(LoopbackMessage message);
  [[nodiscard]] std::vector<LoopbackMessage> to(const std::string& chat_id) const;
  // Waits (up to `timeout`) until `chat_id` has received `n` messages; returns the messages.
  std::vector<LoopbackMessage> wait_for(const std::string& chat_id, std::size_t n,
                                        std::chrono::seconds timeout = std::chrono::seconds{10});
  [[nodiscard]] std::size_t size() const;
  // Updates the platform has handed to the bot so far (stored or not).
  void count_update() { ++updates_; }
  [[nodiscard]] int updates() const { return updates_.load(); }

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<LoopbackMessage> messages_;
  std::atomic<int> updates_{0};
};

inline constexpr const char* kLoopbackPlatform = "loopback";

// The factory to hand the bot, delivering into `inbox`.
PlatformFactory loopback_platform(std::shared_ptr<LoopbackInbox> inbox);

}  // namespace wgbot::testing
