// Time is injected: everything that asks "what time is it" takes a Clock.
#pragma once

#include <atomic>
#include <chrono>

namespace wgbot {

class Clock {
 public:
  virtual ~Clock() = default;
  [[nodiscard]] virtual std::chrono::sys_seconds now() const = 0;
  // Finer-grained where the clock has it; the outbound rate limits work in milliseconds.
  [[nodiscard]] virtual std::chrono::sys_time<std::chrono::milliseconds> now_ms() const {
    return now();
  }
};

class SystemClock final : public Clock {
 public:
  [[nodiscard]] std::chrono::sys_seconds now() const override {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  }
  [[nodiscard]] std::chrono::sys_time<std::chrono::milliseconds> now_ms() const override {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
  }
};

// A clock that moves only when told to; for tests and simulations.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(std::chrono::sys_seconds start) : now_(start.time_since_epoch().count()) {}
  [[nodiscard]] std::chrono::sys_seconds now() const override {
    return std::chrono::sys_seconds{std::chrono::seconds{now_.load()}};
  }
  void set(std::chrono::sys_seconds t) { now_.store(t.time_since_epoch().count()); }
  void advance(std::chrono::seconds d) { now_.fetch_add(d.count()); }

 private:
  std::atomic<std::int64_t> now_;
};

}  // namespace wgbot
