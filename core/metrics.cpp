#include "core/metrics.hpp"

#include <fmt/format.h>

#include <mutex>

namespace wgbot {

namespace {

constexpr std::array<std::string_view, kSendResults> kSendResultNames = {
    "sent", "rate_limited", "migrated", "chat_gone", "rejected", "error"};
constexpr std::array<std::string_view, kFiredKinds> kFiredKindNames = {"reminder", "nudge",
                                                                       "overdue", "escalation"};

void header(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
  out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

void gauge(std::string& out, std::string_view name, std::string_view help, std::int64_t value) {
  header(out, name, "gauge", help);
  out += fmt::format("{} {}\n", name, value);
}

}  // namespace

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

void Metrics::render_platforms(std::string& out) const {
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
  std::shared_lock lock(mutex_);
  for (const auto& family : kFamilies) {
    header(out, family.name, family.type, family.help);
    for (const auto& [platform, counters] : platforms_) {
      out += fmt::format("{}{{platform=\"{}\"}} {}\n", family.name, platform,
                         ((*counters).*family.field).load());
    }
  }
  header(out, "wgbot_sends_total", "counter", "Delivery attempts (API calls) by result.");
  for (const auto& [platform, counters] : platforms_) {
    for (std::size_t i = 0; i < kSendResults; ++i) {
      out += fmt::format("wgbot_sends_total{{platform=\"{}\",result=\"{}\"}} {}\n", platform,
                         kSendResultNames.at(i), counters->results.at(i).load());
    }
  }
  header(out, "wgbot_send_rate_limited_total", "counter",
         "Sends the platform refused with 429 (too many requests).");
  for (const auto& [platform, counters] : platforms_) {
    out += fmt::format(
        "wgbot_send_rate_limited_total{{platform=\"{}\"}} {}\n", platform,
        counters->results.at(static_cast<std::size_t>(SendResult::rate_limited)).load());
  }
}

void Metrics::render_process(std::string& out, const Gauges& gauges) const {
  header(out, "wgbot_handler_seconds", "histogram", "Time to store and handle one update.");
  for (std::size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    out += fmt::format("wgbot_handler_seconds_bucket{{le=\"{}\"}} {}\n", kLatencyBuckets.at(i),
                       latency_buckets_.at(i).load());
  }
  out += fmt::format("wgbot_handler_seconds_bucket{{le=\"+Inf\"}} {}\n", latency_count_.load());
  out += fmt::format("wgbot_handler_seconds_sum {}\n",
                     static_cast<double>(latency_sum_micros_.load()) / 1e6);
  out += fmt::format("wgbot_handler_seconds_count {}\n", latency_count_.load());
  header(out, "wgbot_scheduler_fired_total", "counter",
         "Reminders, deadline nudges, overdue reminders and escalations fired.");
  for (std::size_t i = 0; i < kFiredKinds; ++i) {
    out += fmt::format("wgbot_scheduler_fired_total{{kind=\"{}\"}} {}\n", kFiredKindNames.at(i),
                       fired_.at(i).load());
  }
  gauge(out, "wgbot_outbox_depth", "Messages waiting to be sent.", gauges.outbox_depth);
  gauge(out, "wgbot_outbox_oldest_age_seconds",
        "Age of the oldest message waiting to be sent (0: none waits).",
        gauges.outbox_oldest_age_seconds);
  gauge(out, "wgbot_reminders_due", "Reminders due and not yet fired.", gauges.reminders_due);
  gauge(out, "wgbot_nudges_due", "Open tasks whose next deadline nudge is due and not yet sent.",
        gauges.nudges_due);
  gauge(out, "wgbot_digest_last_sent_timestamp_seconds",
        "Unix time the last daily digest was sent (0: never).", gauges.digest_last_sent_seconds);
  gauge(out, "wgbot_database_bytes",
        "Size of the database (pages in use and free, times the page size).",
        gauges.database_bytes);
}

std::string Metrics::render(const Gauges& gauges) const {
  std::string out;
  render_platforms(out);
  render_rejected(out);
  render_process(out, gauges);
  return out;
}

}  // namespace wgbot
