// A scheduler over a temp database with the demo roster, driven by a ManualClock: no sleeping.
// Tasks are created with plain SQL here, independent of the task commands.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include "storage/connection.hpp"

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "bot/app/bootstrap.hpp"
#include "bot/scheduler/scheduler.hpp"
#include "core/clock.hpp"
#include "fakes/temp_dir.hpp"
#include "fakes/test_bot.hpp"
#include "handlers/reminder_text.hpp"
#include "handlers/time/when_parser.hpp"
#include "handlers/time_text.hpp"
#include "storage/account_repository.hpp"
#include "storage/member_repository.hpp"
#include "storage/outbox_repository.hpp"
#include "storage/reminder_repository.hpp"
#include "storage/writer.hpp"

namespace wgbot::testing {

using std::chrono::sys_seconds;

class SchedulerFixture {
 public:
  explicit SchedulerFixture(Config config = test_config("unused.db"))
      : clock_(sys_seconds{std::chrono::seconds{1795662000}}) {  // Thu 2026-11-26 10:00 +07:00
    config.db = dir_.file("wgbot.db");
    config_ = std::make_shared<const Config>(std::move(config));
    cal_ = calendar_from(*config_);
    open();
  }
  ~SchedulerFixture() { close(); }

  // Local wall-clock time in the configured zone.
  sys_seconds local(int y, unsigned m, unsigned d, int hour, int minute = 0) const {
    return cal_.at(date::sys_days(date::year(y) / m / d),
                   std::chrono::hours{hour} + std::chrono::minutes{minute});
  }

  // Simulates a kill -9 and a fresh start: new connection, writer and scheduler.
  void restart() {
    close();
    open();
  }

  scheduler::RunReport run() { return scheduler_->run_due(clock_.now()); }

  // What a punctual loop would do until `end`: run at every wake time, then set the clock.
  int run_until(sys_seconds end) {
    int runs = 0;
    auto report = run();
    for (; report.next_wake && *report.next_wake <= end && runs < 100000; ++runs) {
      if (*report.next_wake > clock_.now()) clock_.set(*report.next_wake);
      report = run();
    }
    clock_.set(end);
    return runs;
  }

  template <typename Fn>
  auto db(Fn&& fn) {
    return writer_->run(std::forward<Fn>(fn));
  }

  std::int64_t member_id(const std::string& handle) {
    return db([&](storage::Connection& d) {
      return storage::MemberRepository(d).by_handle(handle).value().id;
    });
  }

  // A linked Telegram account with a private chat "chat-<handle>".
  void link(const std::string& handle, const std::string& platform = "telegram") {
    const auto id = member_id(handle);
    const auto now = clock_.now().time_since_epoch().count();
    db([&](storage::Connection& d) {
      storage::AccountRepository accounts(d);
      accounts.link(platform, "user-" + handle, id, now);
      accounts.touch(storage::SeenAccount{platform, "user-" + handle, "", handle, "chat-" + handle},
                     now);
    });
  }

  // A reminder for `handle` in their private chat, from a `<when>` phrase said now.
  std::int64_t remind(const std::string& handle, const std::string& phrase, const std::string& text,
                      const std::string& platform = "telegram") {
    auto opt = when_options(*config_, timeexpr::Purpose::reminder);
    const auto parsed = timeexpr::parse_when(phrase, clock_.now(), cal_, opt);
    const auto& when = std::get<timeexpr::When>(parsed);
    storage::NewReminder r{member_id(handle), platform, "chat-" + handle, text,
                           when.at.time_since_epoch().count()};
    if (when.recurrence) {
      r.rrule = when.recurrence->rrule;
      r.skip_holidays = when.recurrence->skip_holidays;
    }
    const auto now = clock_.now().time_since_epoch().count();
    const auto id =
        db([&](storage::Connection& d) { return storage::ReminderRepository(d).add(r, now); });
    scheduler_->notify();
    return id;
  }

  // A task created now, led by `lead`, assigned by `assigner`, due at `due`.
  std::int64_t task(const std::string& title, const std::string& lead, const std::string& assigner,
                    sys_seconds due) {
    const auto lead_id = member_id(lead);
    const auto assigner_id = member_id(assigner);
    const auto now = clock_.now().time_since_epoch().count();
    return db([&](storage::Connection& d) {
      SQLite::Statement q(d,
                          "INSERT INTO tasks (title, assigner_id, due_at, created_at) "
                          "VALUES (?,?,?,?)");
      q.bind(1, title);
      q.bind(2, assigner_id);
      q.bind(3, due.time_since_epoch().count());
      q.bind(4, now);
      q.exec();
      const auto id = d.getLastInsertRowid();
      SQLite::Statement a(d,
                          "INSERT INTO task_assignees (task_id, member_id, lead, position) "
                          "VALUES (?,?,1,0)");
      a.bind(1, id);
      a.bind(2, lead_id);
      a.exec();
      return id;
    });
  }

  void exec(const std::string& sql) {
    db([&](storage::Connection& d) { d.exec(sql); });
  }

  std::int64_t query_int(const std::string& sql) {
    return db([&](storage::Connection& d) { return d.execAndGet(sql).getInt64(); });
  }

  // Messages the bot has written to a chat (sent or not), oldest first.
  std::vector<storage::OutboxRow> sent_to(const std::string& chat,
                                          const std::string& platform = "telegram") {
    return db([&](storage::Connection& d) {
      SQLite::Statement q(d,
                          "SELECT id, kind, body, created_at FROM outbox "
                          "WHERE platform = ? AND chat_id = ? ORDER BY id");
      q.bind(1, platform);
      q.bind(2, chat);
      std::vector<storage::OutboxRow> rows;
      while (q.executeStep()) {
        storage::OutboxRow row;
        row.id = q.getColumn(0).getInt64();
        row.message = storage::deserialize_outgoing(platform, chat, q.getColumn(1).getString(),
                                                    q.getColumn(2).getString());
        row.created_at = q.getColumn(3).getInt64();
        rows.push_back(std::move(row));
      }
      return rows;
    });
  }

  // "2026-12-01 08:00 thứ Ba" style key of an instant, for readable assertions.
  std::string stamp(std::int64_t unix_seconds) const {
    return format_datetime(Lang::vi, sys_seconds{std::chrono::seconds{unix_seconds}}, cal_);
  }

  ManualClock& clock() { return clock_; }
  scheduler::Scheduler& scheduler() { return *scheduler_; }
  storage::Writer& writer() { return *writer_; }
  const Config& config() const { return *config_; }
  const timeexpr::Calendar& cal() const { return cal_; }

 private:
  void open() {
    auto prepared = prepare_database(*config_, clock_);
    writer_ = std::make_unique<storage::Writer>(std::move(prepared.db));
    scheduler_ = std::make_unique<scheduler::Scheduler>(*writer_, config_, clock_);
  }
  // The writer may still be running a copy of its after-commit hook (which calls notify()), so
  // the scheduler is destroyed only once the writer's thread has ended.
  void close() {
    if (scheduler_) scheduler_->stop();
    if (writer_) writer_->stop();
    scheduler_.reset();
    writer_.reset();
  }

  TempDir dir_;
  std::shared_ptr<const Config> config_;
  timeexpr::Calendar cal_;
  ManualClock clock_;
  std::unique_ptr<storage::Writer> writer_;
  std::unique_ptr<scheduler::Scheduler> scheduler_;
};

// The config of the tests with a few schedule changes.
inline Config config_with(const std::vector<std::string>& holidays) {
  Config c = test_config("unused.db");
  c.schedule.holidays = holidays;
  return c;
}

}  // namespace wgbot::testing
