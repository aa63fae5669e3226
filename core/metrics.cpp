#include "core/metrics.hpp"

#include <fmt/format.h>

#include <mutex>

namespace wgbot {

Metrics::PlatformCounters& Metrics::counters(std::string_view platform) {
  {
    std::shared_lock lock(mutex_);
    if (const auto it = platforms_.find(platform); it != platforms_.end()) return *it->second;
  }
  std::unique_lock lock(mutex_);
  auto& slot = platforms_[std::string(platform)];
  if (!slot) slot = std::make_unique<PlatformCounters>();
  return *slot;
}

void Metrics::observe_handler_seconds(double seconds) {
  for (std::size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    if (seconds <= kLatencyBuckets.at(i)) latency_buckets_.at(i)++;
  }
  latency_count_++;
  latency_sum_micros_ += static_cast<std::uint64_t>(seconds * 1e6);
}

void Metrics::render_rejected(std::string& out) const {
  static constexpr std::array<std::string_view, kRejectReasons> kReasons = {
      "unauthorized", "malformed", "too_large", "unavailable", "bad_http"};
  out +=
      "# HELP wgbot_updates_rejected_total Webhook requests refused, by reason (401 unauthorized, "
      "400 malformed, 413 too_large, 503 unavailable, bad_http: framing, header size, transfer "
      "coding).\n# TYPE wgbot_updates_rejected_total counter\n";
  std::shared_lock lock(mutex_);
  for (const auto& [platform, counters] : platforms_) {
    for (std::size_t i = 0; i < kReasons.size(); ++i) {
      out += fmt::format("wgbot_updates_rejected_total{{platform=\"{}\",reason=\"{}\"}} {}\n",
                         platform, kReasons.at(i), counters->rejected.at(i).load());
    }
  }
}

std::string Metrics::render(const Gauges& gauges) const {
  struct Family {
    std::string_view name;
    std::string_view help;
    std::string_view type;
    std::atomic<std::uint64_t> PlatformCounters::*field;
  };
  static constexpr std::array<Family, 6> kFamilies = {{
      {"wgbot_updates_received_total", "Updates accepted from a platform.", "counter",
       &PlatformCounters::received},
      {"wgbot_updates_duplicated_total", "Updates delivered again and skipped.", "counter",
       &PlatformCounters::duplicated},
      {"wgbot_updates_deferred_total",
       "Updates answered 503 (storage unavailable or busy) for the platform to redeliver.",
       "counter", &PlatformCounters::deferred},
      {"wgbot_messages_sent_total", "Outbox messages delivered.", "counter",
       &PlatformCounters::sent},
      {"wgbot_send_failures_total", "Failed delivery attempts.", "counter",
       &PlatformCounters::send_failures},
      {"wgbot_platform_up", "Whether the platform's API answered last time.", "gauge",
       &PlatformCounters::reachable},
  }};
  std::string out;
  {
    std::shared_lock lock(mutex_);
    for (const auto& family : kFamilies) {
      out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", family.name, family.help, family.name,
                         family.type);
      for (const auto& [platform, counters] : platforms_) {
        out += fmt::format("{}{{platform=\"{}\"}} {}\n", family.name, platform,
                           ((*counters).*family.field).load());
      }
    }
  }
  render_rejected(out);
  out += "# HELP wgbot_handler_seconds Time to store and handle one update.\n";
  out += "# TYPE wgbot_handler_seconds histogram\n";
  for (std::size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    out += fmt::format("wgbot_handler_seconds_bucket{{le=\"{}\"}} {}\n", kLatencyBuckets.at(i),
                       latency_buckets_.at(i).load());
  }
  out += fmt::format("wgbot_handler_seconds_bucket{{le=\"+Inf\"}} {}\n", latency_count_.load());
  out += fmt::format("wgbot_handler_seconds_sum {}\n",
                     static_cast<double>(latency_sum_micros_.load()) / 1e6);
  out += fmt::format("wgbot_handler_seconds_count {}\n", latency_count_.load());
  out +=
      "# HELP wgbot_outbox_depth Messages waiting to be sent.\n# TYPE wgbot_outbox_depth gauge\n";
  out += fmt::format("wgbot_outbox_depth {}\n", gauges.outbox_depth);
  out += "# HELP wgbot_reminders_due Reminders due and not yet fired.\n";
  out += "# TYPE wgbot_reminders_due gauge\n";
  out += fmt::format("wgbot_reminders_due {}\n", gauges.reminders_due);
  return out;
}

}  // namespace wgbot
