#include "bot/core/metrics.hpp"

#include <fmt/format.h>

namespace wgbot {

namespace {

constexpr std::array<std::string_view, Metrics::kPlatforms> kNames = {"telegram", "zalo_bot",
                                                                      "zalo_oa", "console"};

template <typename Counters>
void render_counter(std::string& out, std::string_view name, std::string_view help,
                    std::string_view type, const Counters& counters) {
  out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
  for (std::size_t i = 0; i < counters.size(); ++i) {
    out += fmt::format("{}{{platform=\"{}\"}} {}\n", name, kNames.at(i), counters.at(i).load());
  }
}

}  // namespace

PlatformId platform_id(std::string_view platform) {
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (kNames.at(i) == platform) return static_cast<PlatformId>(i);
  }
  return PlatformId::console;
}

std::string_view platform_name(PlatformId id) {
  return kNames.at(static_cast<std::size_t>(id));
}

void Metrics::observe_handler_seconds(double seconds) {
  for (std::size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    if (seconds <= kLatencyBuckets.at(i)) latency_buckets_.at(i)++;
  }
  latency_count_++;
  latency_sum_micros_ += static_cast<std::uint64_t>(seconds * 1e6);
}

std::string Metrics::render(const Gauges& gauges) const {
  std::string out;
  render_counter(out, "wgbot_updates_received_total", "Updates accepted from a platform.",
                 "counter", received_);
  render_counter(out, "wgbot_updates_duplicated_total", "Updates delivered again and skipped.",
                 "counter", duplicated_);
  render_counter(out, "wgbot_updates_rejected_total",
                 "Webhook requests refused (bad secret, malformed).", "counter", rejected_);
  render_counter(out, "wgbot_messages_sent_total", "Outbox messages delivered.", "counter", sent_);
  render_counter(out, "wgbot_send_failures_total", "Failed delivery attempts.", "counter",
                 send_failures_);
  render_counter(out, "wgbot_platform_up", "Whether the platform's API answered last time.",
                 "gauge", reachable_);
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
