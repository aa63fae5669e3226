// Process counters, rendered in the Prometheus text format at /metrics. Platforms are named by
// their id; a platform is listed from its first count or from add_platform(), whichever is first.
// Values that live in the database (outbox depth, due items, the last digest, the file's size)
// are read when the page is scraped and passed in as Gauges.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>

namespace wgbot {

// Why a webhook request was refused; the `reason` label of wgbot_updates_rejected_total.
enum class RejectReason : std::uint8_t {
  unauthorized,  // 401: missing or wrong secret or MAC
  malformed,     // 400: not JSON, or not an update
  too_large,     // 413: body over http.max_body_bytes
  unavailable,   // 503: not ready, storage unavailable or busy (the platform redelivers)
  bad_http,      // 400/431/501 from the HTTP layer: bad framing, header too large, transfer coding
};
inline constexpr std::size_t kRejectReasons = 5;

// What one delivery attempt (one API call) came to.
enum class SendResult : std::uint8_t {
  sent,          // the platform accepted the message
  rate_limited,  // 429: wait retry_after
  migrated,      // the group chat moved to a new id
  chat_gone,     // blocked, kicked, chat deleted
  rejected,      // the platform refused this message for good
  error,         // network or server error: retried with back-off
};
inline constexpr std::size_t kSendResults = 6;

// What the scheduler fires.
enum class FiredKind : std::uint8_t { reminder, nudge, overdue, escalation };
inline constexpr std::size_t kFiredKinds = 4;

class Metrics {
 public:
  // Handler latency buckets, in seconds.
  static constexpr std::array<double, 8> kLatencyBuckets = {0.0005, 0.001, 0.0025, 0.005,
                                                            0.01,   0.025, 0.1,    0.5};

  // Lists `platform` with zero counts, so a dashboard sees it before its first update.
  void add_platform(std::string_view platform) { (void)counters(platform); }

  void update_received(std::string_view platform) { counters(platform).received++; }
  void update_duplicated(std::string_view platform) { counters(platform).duplicated++; }
  void update_rejected(std::string_view platform, RejectReason reason) {
    counters(platform).rejected.at(static_cast<std::size_t>(reason))++;
  }
  // Refused with 503 because storage was unavailable or the writer was full: redelivered later.
  void update_deferred(std::string_view platform) { counters(platform).deferred++; }
  void send_failed(std::string_view platform) { counters(platform).send_failures++; }
  void message_sent(std::string_view platform) { counters(platform).sent++; }
  void send_result(std::string_view platform, SendResult result) {
    counters(platform).results.at(static_cast<std::size_t>(result))++;
  }
  void set_reachable(std::string_view platform, bool up) {
    counters(platform).reachable = up ? 1 : 0;
  }
  void observe_handler_seconds(double seconds);
  void fired(FiredKind kind, std::uint64_t count) {
    fired_.at(static_cast<std::size_t>(kind)) += count;
  }

  struct Gauges {
    std::int64_t outbox_depth = 0;
    std::int64_t outbox_oldest_age_seconds = 0;  // 0 when nothing waits
    std::int64_t reminders_due = 0;
    std::int64_t nudges_due = 0;                // tasks whose next nudge step is due
    std::int64_t digest_last_sent_seconds = 0;  // Unix time; 0 when none was sent
    std::int64_t database_bytes = 0;
  };
  [[nodiscard]] std::string render(const Gauges& gauges) const;

 private:
  struct PlatformCounters {
    std::atomic<std::uint64_t> received{0};
    std::atomic<std::uint64_t> duplicated{0};
    std::array<std::atomic<std::uint64_t>, kRejectReasons> rejected{};
    std::atomic<std::uint64_t> deferred{0};
    std::atomic<std::uint64_t> send_failures{0};
    std::atomic<std::uint64_t> sent{0};
    std::atomic<std::uint64_t> reachable{0};
    std::array<std::atomic<std::uint64_t>, kSendResults> results{};
  };
  PlatformCounters& counters(std::string_view platform);
  void render_rejected(std::string& out) const;
  void render_platforms(std::string& out) const;
  void render_process(std::string& out, const Gauges& gauges) const;

  mutable std::shared_mutex mutex_;  // guards the map; the counters themselves are atomic
  std::map<std::string, std::unique_ptr<PlatformCounters>, std::less<>> platforms_;
  std::array<std::atomic<std::uint64_t>, kLatencyBuckets.size()> latency_buckets_{};
  std::atomic<std::uint64_t> latency_count_{0};
  std::atomic<std::uint64_t> latency_sum_micros_{0};
  std::array<std::atomic<std::uint64_t>, kFiredKinds> fired_{};
};

}  // namespace wgbot
