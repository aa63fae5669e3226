#include "bot/scheduler/scheduler.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/schedule_repository.hpp"
#include "storage/writer.hpp"

namespace wgbot::scheduler {

namespace {

// Re-checks at least this often, so a wall-clock jump (NTP, suspend) is noticed soon.
constexpr std::chrono::seconds kMaxSleep{60};
// After a failed step (database busy or full) the loop tries again after this pause.
constexpr std::chrono::seconds kRetryDelay{5};

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
  return writer_.run([&](storage::Connection& db) { return fire_due(db, context_, now); });
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
