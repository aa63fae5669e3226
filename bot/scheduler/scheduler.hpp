// The one timer loop over due items in the database: reminders, deadline nudges, overdue
// reminders and escalations; the daily digest; and, once a day, the clean-up of old inbox and
// outbox rows. It sleeps
// until the earliest due item, fires everything due in one writer job (outbox rows commit with the
// marks, so nothing is lost or doubled across a crash), and wakes early on notify() — which the app
// calls after every commit.
//
// The loop reads "what is due next" on its own read-only connection, so a notify() caused by the
// scheduler's own commit (or by a read-only writer job) costs one indexed read, never a commit.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "config/config.hpp"
#include "config/settings_overlay.hpp"
#include "core/clock.hpp"
#include "handlers/digest/digest_send.hpp"
#include "handlers/schedule/fire_due.hpp"
#include "storage/retention.hpp"

namespace wgbot {
class Metrics;
}

namespace wgbot::storage {
class Writer;
}

namespace wgbot::scheduler {

class Scheduler {
 public:
  Scheduler(storage::Writer& writer, std::shared_ptr<const Config> config, const Clock& clock);
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // Counts what each step fires into `metrics` (wgbot_scheduler_fired_total). Before start().
  void count_into(Metrics& metrics) { metrics_ = &metrics; }

  // Fires everything due at `now` in one writer job and returns what it did and when the next
  // step is needed. Blocking; throws std::runtime_error when the database cannot commit.
  RunReport run_due(std::chrono::sys_seconds now);

  // Once per local day: deletes handled inbox and sent outbox rows older than retention_days
  // (never younger than storage::kMinRetentionDays) through the writer, and records the day in
  // the state table, so a restart the same day does not repeat it and the first step after
  // downtime does. Returns what was deleted; nullopt when today's clean-up was already done.
  // Blocking; throws std::runtime_error when the database cannot commit.
  std::optional<storage::PurgeCounts> purge_if_due(std::chrono::sys_seconds now);

  // The daily digest: when its time has come today (schedule.digest_time on a working day, out
  // of quiet hours; read from the config at every call), queues it through the writer for every
  // subscriber who has not had it today, marked late after downtime. Returns what was queued
  // (nullopt when nothing was due or today's run is already done) and sets `next` to the next
  // digest time. Blocking; throws std::runtime_error when the database cannot commit.
  std::optional<digest::QueueReport> digest_if_due(std::chrono::sys_seconds now,
                                                   std::chrono::sys_seconds* next = nullptr);

  // Starts the loop on its own thread; opens a read-only connection to config->db (throws
  // std::runtime_error when it cannot). Items missed while the bot was down fire at once, late.
  void start();
  // Ends the loop and joins its thread. Idempotent.
  void stop();
  // Something may have become due earlier (a commit happened): re-read the next wake time.
  // Cheap and non-blocking; safe from any thread, including the writer's after-commit hook, and
  // harmless after stop(). Shut down in this order: stop() (its loop uses the writer), then the
  // writer's stop() (the hook may run until then), then destroy the scheduler.
  void notify();

  // From then on each step reads the run-time settings (/settings) and, when they changed,
  // plans with the configuration they give. Call before start().
  void use_settings(std::shared_ptr<SettingsOverlay> overlay);
  // Rereads the settings through `reader` now (what each step does first).
  void refresh_settings(storage::Connection& reader);
  // The configuration the scheduler plans with.
  [[nodiscard]] std::shared_ptr<const Config> config() const { return config_; }

  // Queues the delivery summary of every broadcast whose rows are all sent or failed (one
  // writer job, only when `reader` shows one waiting). Returns how many were queued.
  std::size_t summarize_broadcasts(storage::Connection& reader, std::chrono::sys_seconds now);

 private:
  void loop();
  std::optional<std::chrono::sys_seconds> step(storage::Connection& reader);
  std::optional<std::chrono::sys_seconds> step_items(storage::Connection& reader,
                                                     std::chrono::sys_seconds now);

  storage::Writer& writer_;
  std::shared_ptr<const Config> config_;
  std::shared_ptr<SettingsOverlay> settings_;
  const Clock& clock_;
  DueContext context_;
  Metrics* metrics_ = nullptr;
  std::unique_ptr<storage::Connection> reader_;
  std::optional<date::sys_days> purged_day_;  // the local day whose clean-up is known done
  std::optional<date::sys_days> digest_day_;  // the local day whose digests are known queued
  std::mutex mutex_;
  std::condition_variable wake_;
  bool notified_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace wgbot::scheduler
