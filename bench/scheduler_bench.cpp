// Scheduler at scale: 1,000,000 pending reminders and 100,000 open tasks in a temp database.
// Measures start-up (open + migrate + the loop's first wake computation), peak RSS, and the
// cost of one scheduler wake-up with N due items; prints the query plans of the due queries.
//
//   wgbot_scheduler_bench [--reminders N] [--tasks N] [--keep]
#include <SQLiteCpp/SQLiteCpp.h>
#include <spdlog/spdlog.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "bot/app/bootstrap.hpp"
#include "bot/scheduler/scheduler.hpp"
#include "config/config_loader.hpp"
#include "core/clock.hpp"
#include "handlers/time_text.hpp"
#include "storage/account_repository.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/member_repository.hpp"
#include "storage/schedule_repository.hpp"
#include "storage/writer.hpp"

namespace {

using namespace wgbot;
using std::chrono::sys_seconds;
using Steady = std::chrono::steady_clock;

constexpr std::int64_t kStart = 1795662000;  // Thu 2026-11-26 10:00 +07:00
constexpr std::int64_t kReminderStep = 31;   // 1,000,000 reminders span about a year
// Saturday 23/01/2027 10:00, after every deadline: the tasks' next overdue reminders fall on
// Monday 08:30, outside the reminder wakes measured from here.
constexpr std::int64_t kReminderBase = kStart + 58 * 86400;

struct Options {
  long reminders = 1'000'000;
  long tasks = 100'000;
  bool keep = false;
};

double ms_since(Steady::time_point t0) {
  return std::chrono::duration<double, std::milli>(Steady::now() - t0).count();
}

long vm_hwm_kib() {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

Config bench_config(const std::string& db) {
  ConfigInputs inputs;
  inputs.working_dir_file = "/nonexistent/wgbot.json";
  inputs.env["WGBOT_DB"] = db;
  return load_config(inputs).config;
}

// Every demo member gets a Telegram account with a private chat, so nudges are written.
std::vector<std::int64_t> link_members(storage::Connection& db) {
  std::vector<std::int64_t> ids;
  storage::AccountRepository accounts(db);
  for (const auto& m : storage::MemberRepository(db).list_active()) {
    accounts.link("telegram", "u-" + m.handle, m.id, kStart);
    accounts.touch({"telegram", "u-" + m.handle, m.handle, m.name, "chat-" + m.handle}, kStart);
    ids.push_back(m.id);
  }
  return ids;
}

void insert_reminders(storage::Connection& db, const std::vector<std::int64_t>& members, long n) {
  SQLite::Statement q(db,
                      "INSERT INTO reminders (member_id, platform, chat_id, text, start_at, "
                      "next_at, rrule, created_at) VALUES (?, 'telegram', ?, ?, ?, ?, ?, ?)");
  for (long i = 0; i < n; ++i) {
    const auto member = members[static_cast<std::size_t>(i) % members.size()];
    const std::int64_t at = kReminderBase + i * kReminderStep;
    q.bind(1, member);
    q.bind(2, "chat-" + std::to_string(member));
    q.bind(3, "Nhắc việc số " + std::to_string(i));
    q.bind(4, at);
    q.bind(5, at);
    if (i % 10 == 0) {
      q.bind(6, "FREQ=DAILY");  // every tenth one recurs
    } else {
      q.bind(6);
    }
    q.bind(7, kStart);
    q.exec();
    q.reset();
  }
}

// Deadlines 4 … 43 days ahead at 17:00 local; leads cycle through the roster.
void insert_tasks(storage::Connection& db, const std::vector<std::int64_t>& members, long n,
                  const timeexpr::Calendar& cal) {
  SQLite::Statement task(db,
                         "INSERT INTO tasks (title, assigner_id, due_at, created_at) "
                         "VALUES (?, ?, ?, ?)");
  SQLite::Statement lead(db,
                         "INSERT INTO task_assignees (task_id, member_id, lead, position) "
                         "VALUES (?, ?, 1, 0)");
  const auto today = cal.local_day(sys_seconds{std::chrono::seconds{kStart}});
  for (long i = 0; i < n; ++i) {
    const auto due = cal.at(today + date::days{4 + i % 40}, std::chrono::hours{17});
    task.bind(1, "Nhiệm vụ số " + std::to_string(i));
    task.bind(2, members.front());
    task.bind(3, static_cast<std::int64_t>(due.time_since_epoch().count()));
    task.bind(4, kStart - 86400);
    task.exec();
    task.reset();
    lead.bind(1, db.getLastInsertRowid());
    lead.bind(2, members[static_cast<std::size_t>(i) % members.size()]);
    lead.exec();
    lead.reset();
  }
}

// Runs in a child process, so the parent's peak RSS is that of a bot starting up.
int populate(const Config& config, const Options& opt) {
  ManualClock clock(sys_seconds{std::chrono::seconds{kStart}});
  auto t0 = Steady::now();
  auto prepared = prepare_database(config, clock);
  const auto cal = calendar_from(config);
  {
    SQLite::Transaction tx(*prepared.db, SQLite::TransactionBehavior::IMMEDIATE);
    const auto members = link_members(*prepared.db);
    insert_reminders(*prepared.db, members, opt.reminders);
    insert_tasks(*prepared.db, members, opt.tasks, cal);
    tx.commit();
  }
  std::cout << "populate: " << opt.reminders << " reminders, " << opt.tasks << " open tasks in "
            << static_cast<long>(ms_since(t0)) << " ms\n";
  // The first start after the scheduler's migration plans every task once.
  storage::Writer writer(std::move(prepared.db));
  scheduler::Scheduler sched(writer, std::make_shared<const Config>(config), clock);
  t0 = Steady::now();
  int steps = 0;
  for (auto r = sched.run_due(clock.now()); r.more; r = sched.run_due(clock.now())) ++steps;
  std::cout << "first planning of all tasks: " << static_cast<long>(ms_since(t0)) << " ms in "
            << steps + 1 << " writer jobs\n";
  writer.stop();
  return 0;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

void explain(storage::Connection& db) {
  std::cout << "\nEXPLAIN QUERY PLAN of the due queries:\n";
  for (const auto& line : storage::ScheduleRepository(db).explain_due_queries()) {
    std::cout << "  " << line << "\n";
  }
}

// Wakes with exactly n reminders due (each wake fires the next n); the median of `rounds`.
std::int64_t measure_reminder_wakes(scheduler::Scheduler& sched, ManualClock& clock,
                                    std::int64_t cursor) {
  std::cout << "\none wake-up (a writer job: select, outbox rows, marks, commit):\n";
  for (const int n : {0, 1, 10, 100, 500}) {
    std::vector<double> times;
    int fired = 0;
    for (int round = 0; round < 5; ++round) {
      const std::int64_t now = n == 0 ? kReminderBase + cursor * kReminderStep - 1
                                      : kReminderBase + (cursor + n - 1) * kReminderStep;
      clock.set(sys_seconds{std::chrono::seconds{now}});
      const auto t0 = Steady::now();
      const auto report = sched.run_due(clock.now());
      times.push_back(ms_since(t0));
      fired = report.reminders;
      cursor += n;
    }
    std::cout << "  N=" << n << " due reminders: " << median(times) << " ms (fired " << fired
              << " per wake)\n";
  }
  return cursor;
}

void measure_task_wakes(scheduler::Scheduler& sched, ManualClock& clock,
                        storage::Connection& reader) {
  const auto first = storage::ScheduleRepository(reader).next_due(kStart);
  clock.set(sys_seconds{std::chrono::seconds{first.value_or(kStart)}});
  std::vector<double> times;
  int nudges = 0;
  for (bool more = true; more;) {
    const auto t0 = Steady::now();
    const auto report = sched.run_due(clock.now());
    times.push_back(ms_since(t0));
    nudges += report.nudges + report.overdue + report.escalations;
    more = report.more;
  }
  std::cout << "  first nudge time: " << nudges << " task nudges in " << times.size()
            << " wakes of up to 500, " << median(times) << " ms per wake (median)\n";
  // Back after the deadlines: every task is overdue at once; batches of 500 catch up.
  clock.set(sys_seconds{std::chrono::seconds{kReminderBase - 3600}});
  const auto t0 = Steady::now();
  int wakes = 0;
  int sent = 0;
  for (bool more = true; more; ++wakes) {
    const auto report = sched.run_due(clock.now());
    sent += report.overdue + report.escalations + report.nudges;
    more = report.more;
  }
  std::cout << "  back after 8 weeks down: " << sent << " overdue reminders (one per task) in "
            << wakes << " wakes, " << static_cast<long>(ms_since(t0)) << " ms\n";
}

int run(const Config& config, const Options& opt) {
  ManualClock clock(sys_seconds{std::chrono::seconds{kStart}});
  const auto t0 = Steady::now();
  auto prepared = prepare_database(config, clock);
  storage::Writer writer(std::move(prepared.db));
  scheduler::Scheduler sched(writer, std::make_shared<const Config>(config), clock);
  auto reader = storage::open_database(config.db, storage::OpenMode::read_only);
  const auto first_wake = storage::ScheduleRepository(*reader).next_due(kStart);
  const double startup = ms_since(t0);
  std::cout << "\nstart-up (open + migrate + first wake computation): " << startup << " ms; first "
            << "wake in " << (first_wake.value_or(kStart) - kStart) << " s\n";
  std::cout << "peak RSS after start-up (VmHWM): " << vm_hwm_kib() << " KiB\n";
  std::cout << "database: " << std::filesystem::file_size(config.db) / (1024 * 1024) << " MiB, "
            << opt.reminders << " reminders, " << opt.tasks << " tasks\n";
  {
    const auto p0 = Steady::now();
    for (int i = 0; i < 1000; ++i) (void)storage::ScheduleRepository(*reader).next_due(kStart);
    std::cout << "next-wake computation on the loop's read connection: " << ms_since(p0) / 1000
              << " ms\n";
  }
  explain(*reader);
  std::cout << "\ntask nudges:\n";
  measure_task_wakes(sched, clock, *reader);
  measure_reminder_wakes(sched, clock, 0);
  std::cout << "\npeak RSS at the end (VmHWM): " << vm_hwm_kib() << " KiB\n";
  reader.reset();
  writer.stop();
  return 0;
}

Options parse(int argc, char** argv) {
  Options opt;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--reminders" && i + 1 < argc) {
      opt.reminders = std::stol(argv[++i]);
    } else if (arg == "--tasks" && i + 1 < argc) {
      opt.tasks = std::stol(argv[++i]);
    } else if (arg == "--keep") {
      opt.keep = true;
    } else {
      std::cerr << "usage: wgbot_scheduler_bench [--reminders N] [--tasks N] [--keep]\n";
      std::exit(2);
    }
  }
  return opt;
}

}  // namespace

int main(int argc, char** argv) {
  const Options opt = parse(argc, argv);
  spdlog::set_level(spdlog::level::warn);
  std::string dir_template = (std::filesystem::temp_directory_path() / "wgbot-bench-XXXXXX");
  if (mkdtemp(dir_template.data()) == nullptr) return 1;
  const std::string dir = dir_template;
  const Config config = bench_config(dir + "/bench.db");
  std::cout.flush();
  const pid_t child = fork();
  if (child == 0) {
    const int rc = populate(config, opt);
    std::cout.flush();
    std::_Exit(rc);
  }
  int status = 0;
  waitpid(child, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return 1;
  const int rc = run(config, opt);
  if (opt.keep) {
    std::cout << "database kept in " << dir << "\n";
  } else {
    std::filesystem::remove_all(dir);
  }
  return rc;
}
