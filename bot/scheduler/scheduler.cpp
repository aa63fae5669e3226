#include "bot/scheduler/scheduler.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <string>

#include "core/metrics.hpp"
#include "core/thread_name.hpp"
#include "handlers/admin/broadcast.hpp"
#include "handlers/schedule/digest_time.hpp"
#include "storage/audit_repository.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/retention.hpp"
#include "storage/schedule_repository.hpp"
#include "storage/writer.hpp"

namespace wgbot::scheduler {

namespace {

// Re-checks at least this often, so a wall-clock jump (NTP, suspend) is noticed soon.
constexpr std::chrono::seconds kMaxSleep{60};
// After a failed step (database busy or full) the loop tries again after this pause.
constexpr std::chrono::seconds kRetryDelay{5};
// The state key holding the local date (YYYY-MM-DD) of the last finished clean-up.
constexpr const char* kPurgeDayKey = "retention.purged_day";
// Rows of each table deleted per writer job, so a long backlog does not hold up other writes.
constexpr int kPurgeChunk = 5000;

// A chunk that hit the limit: more old rows may be waiting.
bool chunk_full(const storage::PurgeCounts& c) {
  return c.inbox >= kPurgeChunk || c.outbox >= kPurgeChunk;
}

}  // namespace

Scheduler::Scheduler(storage::Writer& writer, std::shared_ptr<const Config> config,
                     const Clock& clock)
    : writer_(writer),
      config_(std::move(config)),
      clock_(clock),
      context_(due_context_from(*config_)) {}

Scheduler::~Scheduler() {
  stop();
}

RunReport Scheduler::run_due(std::chrono::sys_seconds now) {
  auto report = writer_.run([&](storage::Connection& db) { return fire_due(db, context_, now); });
  if (metrics_ != nullptr) {
    metrics_->fired(FiredKind::reminder, static_cast<std::uint64_t>(report.reminders));
    metrics_->fired(FiredKind::nudge, static_cast<std::uint64_t>(report.nudges));
    metrics_->fired(FiredKind::overdue, static_cast<std::uint64_t>(report.overdue));
    metrics_->fired(FiredKind::escalation, static_cast<std::uint64_t>(report.escalations));
  }
  return report;
}

std::optional<storage::PurgeCounts> Scheduler::purge_if_due(std::chrono::sys_seconds now) {
  const auto today = context_.cal.local_day(now);
  if (purged_day_ == today) return std::nullopt;
  const std::string day = date::format("%F", today);
  const auto cutoff =
      storage::retention_cutoff(now.time_since_epoch().count(), config_->retention_days);
  std::optional<storage::PurgeCounts> total;
  for (;;) {
    const auto chunk =
        writer_.run([&](storage::Connection& db) -> std::optional<storage::PurgeCounts> {
          storage::StateRepository state(db);
          const auto last = state.get(kPurgeDayKey);
          if (last && *last >= day) return std::nullopt;  // done today (or the clock went back)
          const auto counts = storage::purge_old_rows(db, cutoff, kPurgeChunk);
          if (!chunk_full(counts)) state.set(kPurgeDayKey, day);
          return counts;
        });
    if (!chunk) break;
    if (!total) total.emplace();
    total->inbox += chunk->inbox;
    total->outbox += chunk->outbox;
    if (!chunk_full(*chunk)) break;
    std::lock_guard lock(mutex_);
    if (stopping_) return total;  // the day is not recorded: the next start goes on
  }
  purged_day_ = today;
  if (total) spdlog::info("event=retention_purged inbox={} outbox={}", total->inbox, total->outbox);
  return total;
}

void Scheduler::use_settings(std::shared_ptr<SettingsOverlay> overlay) {
  settings_ = std::move(overlay);
}

void Scheduler::refresh_settings(storage::Connection& reader) {
  if (!settings_) return;
  auto config = settings_->config_for(storage::StateRepository(reader).settings());
  if (config == config_) return;
  config_ = std::move(config);
  context_ = due_context_from(*config_);
  spdlog::info("event=scheduler_settings_applied");
}

std::size_t Scheduler::summarize_broadcasts(storage::Connection& reader,
                                            std::chrono::sys_seconds now) {
  if (!broadcast_summary_pending(reader)) return 0;
  return writer_.run([&](storage::Connection& db) {
    return queue_broadcast_summaries(db, now.time_since_epoch().count());
  });
}

std::optional<digest::QueueReport> Scheduler::digest_if_due(std::chrono::sys_seconds now,
                                                            std::chrono::sys_seconds* next) {
  // Read at every call: /settings may change the digest's time and readers at run time.
  const std::shared_ptr<const Config> config = config_;
  const NudgeRules rules = nudge_rules_from(config->schedule);
  const auto due = digest_due(now, config->schedule.digest_time, rules.quiet, context_.cal);
  if (next) *next = due.next;
  const auto today = context_.cal.local_day(now);
  if (!due.due || digest_day_ == today) return std::nullopt;
  const digest::DigestContext ctx = digest::digest_context_from(*config);
  const auto report = writer_.run(
      [&](storage::Connection& db) { return digest::queue_digests(db, ctx, now, due.late); });
  digest_day_ = today;
  return report;
}

void Scheduler::start() {
  if (thread_.joinable()) return;
  reader_ = storage::open_database(config_->db, storage::OpenMode::read_only);
  {
    std::lock_guard lock(mutex_);
    stopping_ = false;
  }
  thread_ = std::thread([this] { loop(); });
  spdlog::info("event=scheduler_started");
}

void Scheduler::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  reader_.reset();
}

void Scheduler::notify() {
  {
    std::lock_guard lock(mutex_);
    notified_ = true;
  }
  wake_.notify_all();
}

// One pass: if anything is due, fire it. Returns when to look again.
std::optional<std::chrono::sys_seconds> Scheduler::step(storage::Connection& reader) {
  const auto now = clock_.now();
  try {
    refresh_settings(reader);
  } catch (const std::exception& e) {
    spdlog::error("event=scheduler_settings_failed error=\"{}\"", e.what());
  }
  try {
    purge_if_due(now);
  } catch (const std::exception& e) {
    spdlog::error("event=retention_purge_failed error=\"{}\"", e.what());
  }
  try {
    summarize_broadcasts(reader, now);
  } catch (const std::exception& e) {
    spdlog::error("event=broadcast_summary_failed error=\"{}\"", e.what());
  }
  std::chrono::sys_seconds digest_next = now + kRetryDelay;
  try {
    digest_if_due(now, &digest_next);
  } catch (const std::exception& e) {
    spdlog::error("event=digest_failed error=\"{}\"", e.what());
    digest_next = now + kRetryDelay;
  }
  const auto items_next = step_items(reader, now);
  if (!items_next) return digest_next;
  return std::min(*items_next, digest_next);
}

std::optional<std::chrono::sys_seconds> Scheduler::step_items(storage::Connection& reader,
                                                              std::chrono::sys_seconds now) {
  std::optional<std::int64_t> next;
  try {
    next = storage::ScheduleRepository(reader).next_due(now.time_since_epoch().count());
  } catch (const std::exception& e) {
    spdlog::error("event=scheduler_read_failed error=\"{}\"", e.what());
    return now + kRetryDelay;
  }
  if (!next) return std::nullopt;
  const std::chrono::sys_seconds due{std::chrono::seconds{*next}};
  if (due > now) return due;
  try {
    const RunReport report = run_due(now);
    if (report.more) return now;
    // Every fired item moves past `now`; this guard only keeps a bug from spinning the loop.
    if (report.next_wake && *report.next_wake <= now) return now + std::chrono::seconds{1};
    return report.next_wake;
  } catch (const std::exception& e) {
    spdlog::error("event=scheduler_step_failed error=\"{}\"", e.what());
    return now + kRetryDelay;
  }
}

void Scheduler::loop() {
  set_thread_name("wgbot-schedule");
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      notified_ = false;
    }
    const auto next = step(*reader_);
    std::unique_lock lock(mutex_);
    if (stopping_) return;
    if (notified_) continue;
    auto wait = std::chrono::duration_cast<std::chrono::steady_clock::duration>(kMaxSleep);
    if (next) {
      const auto left = *next - clock_.now();
      if (left <= std::chrono::seconds{0}) continue;
      wait = std::min(wait, std::chrono::duration_cast<std::chrono::steady_clock::duration>(left));
    }
    wake_.wait_for(lock, wait, [this] { return stopping_ || notified_; });
  }
}

}  // namespace wgbot::scheduler
