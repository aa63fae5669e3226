// Process counters, rendered in the Prometheus text format at /metrics.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

namespace wgbot {

enum class PlatformId { telegram, zalo_bot, zalo_oa, console, count_ };

PlatformId platform_id(std::string_view platform);
std::string_view platform_name(PlatformId id);

class Metrics {
 public:
  static constexpr std::size_t kPlatforms = static_cast<std::size_t>(PlatformId::count_);
  // Handler latency buckets, in seconds.
  static constexpr std::array<double, 8> kLatencyBuckets = {0.0005, 0.001, 0.0025, 0.005,
                                                            0.01,   0.025, 0.1,    0.5};

  void update_received(std::string_view platform) { at(received_, platform)++; }
  void update_duplicated(std::string_view platform) { at(duplicated_, platform)++; }
  void update_rejected(std::string_view platform) { at(rejected_, platform)++; }
  void send_failed(std::string_view platform) { at(send_failures_, platform)++; }
  void message_sent(std::string_view platform) { at(sent_, platform)++; }
  void set_reachable(std::string_view platform, bool up) { at(reachable_, platform) = up ? 1 : 0; }
  void observe_handler_seconds(double seconds);

  struct Gauges {
    std::int64_t outbox_depth = 0;
    std::int64_t reminders_due = 0;
  };
  [[nodiscard]] std::string render(const Gauges& gauges) const;

 private:
  using Counters = std::array<std::atomic<std::uint64_t>, kPlatforms>;
  static std::atomic<std::uint64_t>& at(Counters& c, std::string_view platform) {
    return c.at(static_cast<std::size_t>(platform_id(platform)));
  }

  Counters received_{};
  Counters duplicated_{};
  Counters rejected_{};
  Counters send_failures_{};
  Counters sent_{};
  Counters reachable_{};
  std::array<std::atomic<std::uint64_t>, kLatencyBuckets.size()> latency_buckets_{};
  std::atomic<std::uint64_t> latency_count_{0};
  std::atomic<std::uint64_t> latency_sum_micros_{0};
};

}  // namespace wgbot
