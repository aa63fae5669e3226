// The daily digest at scale: 500 members, 50 units and 20,000 tasks in a temp database.
// Measures the time to build one digest (read every tracked task, classify it, compose the text)
// and to draw its chart, over several runs, and the peak RSS of the process.
//
//   wgbot_digest_bench [--members N] [--units N] [--tasks N] [--runs N]
#include <SQLiteCpp/SQLiteCpp.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "bot/app/bootstrap.hpp"
#include "config/config_loader.hpp"
#include "core/clock.hpp"
#include "handlers/digest/digest_chart.hpp"
#include "handlers/digest/digest_send.hpp"
#include "storage/connection.hpp"

namespace {

using namespace wgbot;
using Steady = std::chrono::steady_clock;

constexpr std::int64_t kNow = 1796603400;  // Mon 2026-12-07 07:30 +07:00
constexpr std::int64_t kDay = 86400;

struct Options {
  int members = 500;
  int units = 50;
  int tasks = 20000;
  int runs = 20;
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

// Units with Vietnamese names, members spread over them, tasks in every state: 55 % open (a
// fifth of them overdue), 40 % done (one in six late), 5 % cancelled; created over 120 days.
void fill(storage::Connection& db, const Options& o) {
  std::mt19937 rng(7);
  SQLite::Transaction tx(db);
  for (int u = 1; u <= o.units; ++u) {
    SQLite::Statement q(db, "INSERT INTO units (id, name, short, created_at) VALUES (?,?,?,?)");
    q.bind(1, u);
    q.bind(2, "Sở Kế hoạch và Đầu tư số " + std::to_string(u));
    q.bind(3, "u" + std::to_string(u));
    q.bind(4, kNow - 200 * kDay);
    q.exec();
  }
  for (int m = 1; m <= o.members; ++m) {
    SQLite::Statement q(db,
                        "INSERT INTO members (id, handle, name, name_folded, unit_id, role, "
                        "created_at) VALUES (?,?,?,?,?,?,?)");
    const char* role = m == 1   ? "chairman"
                       : m == 2 ? "vice_chairman"
                       : m == 3 ? "standing"
                                : "member";
    q.bind(1, m);
    q.bind(2, "m" + std::to_string(m));
    q.bind(3, "Nguyễn Văn Thành " + std::to_string(m));
    q.bind(4, "nguyen van thanh " + std::to_string(m));
    q.bind(5, 1 + (m % o.units));
    q.bind(6, role);
    q.bind(7, kNow - 200 * kDay);
    q.exec();
  }
  std::uniform_int_distribution<int> pct(0, 99);
  std::uniform_int_distribution<int> member(1, o.members);
  std::uniform_int_distribution<std::int64_t> age(0, 120 * kDay);
  for (int t = 1; t <= o.tasks; ++t) {
    const std::int64_t created = kNow - age(rng);
    const int roll = pct(rng);
    std::string status = roll < 55 ? "open" : roll < 95 ? "done" : "cancelled";
    std::int64_t due = created + (5 + pct(rng) % 40) * kDay;
    if (status == "open" && pct(rng) < 20) due = kNow - (1 + pct(rng) % 30) * kDay;
    if (status == "open" && due < kNow && pct(rng) >= 20) due = kNow + (1 + pct(rng) % 20) * kDay;
    std::optional<std::int64_t> done;
    if (status == "done") done = pct(rng) < 17 ? due + kDay : std::max(created, due - 2 * kDay);
    if (done && *done > kNow) done = kNow - kDay;
    SQLite::Statement q(db,
                        "INSERT INTO tasks (id, title, assigner_id, status, due_at, created_at, "
                        "done_at, last_progress_at, overdue_reminders) VALUES (?,?,?,?,?,?,?,?,?)");
    q.bind(1, t);
    q.bind(2, "Triển khai nền tảng tích hợp, chia sẻ dữ liệu số " + std::to_string(t));
    q.bind(3, 3);
    q.bind(4, status);
    q.bind(5, due);
    q.bind(6, created);
    if (done) q.bind(7, *done);
    if (pct(rng) < 50) q.bind(8, created + (kNow - created) / 2);
    q.bind(9, due < kNow ? pct(rng) % 4 : 0);
    q.exec();
    SQLite::Statement a(db,
                        "INSERT INTO task_assignees (task_id, member_id, lead, position) "
                        "VALUES (?,?,1,0)");
    a.bind(1, t);
    a.bind(2, member(rng));
    a.exec();
  }
  tx.commit();
}

// CPU time of this process: on a shared machine the wall time also counts the waits for a core.
double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1000.0 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    const int value = std::stoi(argv[i + 1]);
    if (key == "--members") o.members = value;
    if (key == "--units") o.units = value;
    if (key == "--tasks") o.tasks = value;
    if (key == "--runs") o.runs = value;
  }
  spdlog::set_level(spdlog::level::warn);
  const auto dir =
      std::filesystem::temp_directory_path() / ("wgbot-digest-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  Config config = load_config(ConfigInputs{}).config;
  config.db = (dir / "bench.db").string();
  ManualClock clock(std::chrono::sys_seconds{std::chrono::seconds{kNow}});
  auto prepared = prepare_database(config, clock, Seeding::never);
  auto& db = *prepared.db;
  auto t0 = Steady::now();
  fill(db, o);
  std::cout << "filled " << o.members << " members, " << o.units << " units, " << o.tasks
            << " tasks in " << ms_since(t0) << " ms\n";

  const auto ctx = digest::digest_context_from(config);
  const digest::DigestOptions options{ctx.cal, ctx.no_progress_days};
  const auto now = clock.now();
  std::vector<double> build_ms;
  std::vector<double> build_cpu_ms;
  std::vector<double> chart_ms;
  std::vector<double> chart_cpu_ms;
  std::size_t text_bytes = 0;
  std::size_t png_bytes = 0;
  for (int r = 0; r < o.runs; ++r) {
    t0 = Steady::now();
    double c0 = cpu_ms();
    const auto data = digest::collect_digest(db, options, now, now - std::chrono::hours{24});
    const auto message = digest::digest_message(Lang::vi, data, ctx.cal, {});
    build_ms.push_back(ms_since(t0));
    build_cpu_ms.push_back(cpu_ms() - c0);
    text_bytes = message.text.size();
    t0 = Steady::now();
    c0 = cpu_ms();
    png_bytes = digest::render_chart(Lang::vi, data).size();
    chart_ms.push_back(ms_since(t0));
    chart_cpu_ms.push_back(cpu_ms() - c0);
  }
  std::cout << "digest build (read + classify + text), " << o.runs << " runs: median "
            << median(build_ms) << " ms, max "
            << *std::max_element(build_ms.begin(), build_ms.end()) << " ms (CPU median "
            << median(build_cpu_ms) << " ms); text " << text_bytes << " bytes\n";
  std::cout << "chart (Cairo, PNG " << png_bytes << " bytes): median " << median(chart_ms)
            << " ms, max " << *std::max_element(chart_ms.begin(), chart_ms.end())
            << " ms (CPU median " << median(chart_cpu_ms) << " ms)\n";
  std::cout << "peak RSS (VmHWM): " << vm_hwm_kib() / 1024.0 << " MiB\n";
  prepared.db.reset();
  std::filesystem::remove_all(dir);
  return 0;
}
