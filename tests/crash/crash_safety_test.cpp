// Crash safety of the real binary. `wgbot serve` runs in webhook mode against the fake Bot API;
// several connections post unique `/giao` updates while the process is killed with SIGKILL at
// seeded random moments and restarted. A client that got no answer posts the same update again,
// as Telegram does, and after each restart every client also repeats an update that was already
// answered (a 200 lost on the way). Reminders fall due every half second of the run, so each kill
// lands next to some of them. After the last restart the bot drains, and then:
//   - every update answered 200 is in the inbox once and created exactly one task;
//   - every update and every reminder got its reply, and the scheduler fired each reminder once;
//   - replies the fake received twice are counted: only sends in flight at a kill may be
//     repeated, so there are at most (kills × the sender's window) of them.
// WGBOT_CRASH_SEED picks the kill times (default: from the clock); the seed is printed.
#include <csignal>

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "bot/outbound/outbox_sender.hpp"
#include "fakes/fake_telegram.hpp"
#include "fakes/http_test_client.hpp"
#include "fakes/subprocess.hpp"
#include "fakes/temp_dir.hpp"

namespace wgbot {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using testing::FakeTelegram;
using testing::Subprocess;
using testing::TempDir;

constexpr int kUpdates = 3000;
constexpr int kClients = 4;
constexpr int kUsers = 40;
constexpr int kKills = 4;
constexpr std::int64_t kFirstUser = 7100000000;
constexpr int kReminders = 16;  // two per second over the first 8 s
constexpr auto kPace = 10ms;    // per client: the load takes about 8 s without the restarts
constexpr std::string_view kSecret = "crash-test-secret";

std::string giao_update(int n) {
  const std::int64_t user = kFirstUser + (n % kUsers);
  const std::string text = "/giao Việc crash k" + std::to_string(n) + "k";
  json message = {
      {"message_id", n + 1},
      {"from", {{"id", user}, {"is_bot", false}, {"first_name", "Cán bộ"}}},
      {"chat", {{"id", user}, {"type", "private"}}},
      {"date", 1795569400},
      {"text", text},
      {"entities", json::array({{{"offset", 0}, {"length", 5}, {"type", "bot_command"}}})}};
  return json{{"update_id", 100000 + n}, {"message", message}}.dump();
}

unsigned short free_port() {
  // Ask the kernel for a free port, then release it: the bot binds it again after each restart.
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor acceptor(
      ioc, boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  return acceptor.local_endpoint().port();
}

// Posts updates [first, last) on one keep-alive connection until each is answered 200.
class Client {
 public:
  Client(unsigned short port, int first, int last, std::atomic<int>& progress)
      : port_(port), next_(first), last_(last), progress_(progress) {}

  // At most one update per kPace, so that the load lasts while the kills happen.
  void run(const std::atomic<bool>& stop) {
    std::unique_ptr<test::HttpTestConnection> conn;
    auto slot = std::chrono::steady_clock::now();
    while (next_ < last_ && !stop) {
      std::this_thread::sleep_until(slot);
      slot = std::max(slot + kPace, std::chrono::steady_clock::now() - kPace);
      if (!conn || !conn->connected()) {
        conn = std::make_unique<test::HttpTestConnection>(port_, 2s);
        if (!conn->connected()) {
          std::this_thread::sleep_for(20ms);  // the bot is restarting
          continue;
        }
        if (!answered_.empty()) post(*conn, answered_.back());  // a 200 that was "lost"
      }
      if (post(*conn, next_)) {
        answered_.push_back(next_);
        ++next_;
        ++progress_;
      } else {
        conn.reset();
        std::this_thread::sleep_for(10ms);
      }
    }
  }

  [[nodiscard]] const std::vector<int>& answered() const { return answered_; }
  [[nodiscard]] int not_answered() const { return last_ - next_; }
  [[nodiscard]] int refused() const { return refused_; }

 private:
  bool post(test::HttpTestConnection& conn, int n) {
    const auto r = conn.request("POST", "/webhook/telegram", giao_update(n),
                                {{"Content-Type", "application/json"},
                                 {"X-Telegram-Bot-Api-Secret-Token", std::string(kSecret)}});
    if (r.status == 200) return true;
    if (r.status != 0) ++refused_;  // 503 under back-pressure or while stopping: post again
    return false;
  }

  unsigned short port_;
  int next_;
  int last_;
  std::atomic<int>& progress_;
  int refused_ = 0;
  std::vector<int> answered_;
};

class CrashSafety : public ::testing::Test {
 protected:
  CrashSafety() {
    port_ = free_port();
    env_ = {{"WGBOT_DB", dir_.file("wgbot.db")},
            {"WGBOT_LISTEN", "127.0.0.1:" + std::to_string(port_)},
            {"WGBOT_PUBLIC_URL", "https://crash.invalid"},
            {"WGBOT_TELEGRAM_TOKEN", std::string(FakeTelegram::kToken)},
            {"WGBOT_TELEGRAM_WEBHOOK_SECRET", std::string(kSecret)},
            {"WGBOT_TELEGRAM_API_BASE_URL", fake_.base_url()},
            {"WGBOT_TELEGRAM_RATE_GLOBAL_PER_S", "100000"},
            {"WGBOT_TELEGRAM_RATE_PER_CHAT_PER_S", "1000"},
            {"WGBOT_TELEGRAM_RATE_PER_GROUP_PER_MIN", "100000"},
            {"WGBOT_LOG_LEVEL", "warn"}};
  }

  std::vector<std::string> wgbot(std::vector<std::string> args) const {
    std::vector<std::string> argv{"/usr/bin/env", "-C", dir_.path().string(), WGBOT_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
  }

  void seed_roster_and_reminders(std::int64_t first_due) {
    ASSERT_EQ(testing::run_process(wgbot({"console", "--as", "admin"}), env_, "").code, 0);
    {
      std::ofstream csv(dir_.file("roster.csv"));
      csv << "handle,name,unit,role,title,telegram_user_id\n";
      for (int i = 0; i < kUsers; ++i) {
        csv << "crash" << i << ",Cán bộ " << i << ",snv,staff,Chuyên viên," << kFirstUser + i
            << "\n";
      }
    }
    const auto import =
        testing::run_process(wgbot({"import-roster", dir_.file("roster.csv")}), env_);
    ASSERT_EQ(import.code, 0) << import.err;
    SQLite::Database db(dir_.file("wgbot.db"), SQLite::OPEN_READWRITE);
    SQLite::Statement insert(
        db,
        "INSERT INTO reminders (member_id, platform, chat_id, text, start_at, next_at, created_at) "
        "SELECT id, 'telegram', ?1, ?2, ?3, ?3, ?4 FROM members WHERE handle = 'crash0'");
    for (int i = 0; i < kReminders; ++i) {
      insert.bind(1, std::to_string(kFirstUser));
      insert.bind(2, "Nhắc crash r" + std::to_string(i) + "r");
      insert.bind(3, static_cast<std::int64_t>(first_due + i / 2));
      insert.bind(4, first_due - 5);
      ASSERT_EQ(insert.exec(), 1);
      insert.reset();
    }
  }

  std::unique_ptr<Subprocess> start_bot() {
    auto bot = std::make_unique<Subprocess>(wgbot({"serve"}), env_);
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (std::chrono::steady_clock::now() < deadline) {
      if (test::http_request(port_, "GET", "/healthz").status == 200) return bot;
      std::this_thread::sleep_for(10ms);
    }
    ADD_FAILURE() << "wgbot did not start: " << bot->all_stderr();
    return bot;
  }

  std::int64_t query(const std::string& sql) {
    SQLite::Database db(dir_.file("wgbot.db"), SQLite::OPEN_READONLY);
    db.setBusyTimeout(5000);
    return db.execAndGet(sql).getInt64();
  }

  // How many times the fake received each numbered reply ("…k17k…", "…r3r…").
  std::map<int, int> sends_by_number(const std::regex& pattern) const {
    std::map<int, int> counts;
    for (const auto& call : fake_.calls("sendMessage")) {
      const std::string text = call.body.value("text", "");
      std::smatch m;
      if (std::regex_search(text, m, pattern)) ++counts[std::stoi(m[1].str())];
    }
    return counts;
  }

  TempDir dir_;
  FakeTelegram fake_;
  unsigned short port_ = 0;
  std::map<std::string, std::string> env_;
};

TEST_F(CrashSafety, KilledUnderLoadLosesNothingAndDoublesOnlyTheSendsInFlight) {
  ASSERT_NE(port_, 0);
  const char* seed_env = std::getenv("WGBOT_CRASH_SEED");
  const std::uint64_t seed =
      seed_env != nullptr
          ? std::strtoull(seed_env, nullptr, 10)
          : static_cast<std::uint64_t>(std::chrono::system_clock::now().time_since_epoch().count());
  std::cout << "crash test seed: " << seed << " (WGBOT_CRASH_SEED=" << seed << " repeats it)\n";
  std::mt19937_64 rng(seed);

  const auto now_s = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
  seed_roster_and_reminders(now_s + 2);
  auto bot = start_bot();

  std::atomic<bool> stop{false};
  std::atomic<int> progress{0};
  std::vector<std::unique_ptr<Client>> clients;
  std::vector<std::thread> threads;
  for (int c = 0; c < kClients; ++c) {
    clients.push_back(std::make_unique<Client>(port_, c * kUpdates / kClients,
                                               (c + 1) * kUpdates / kClients, progress));
    threads.emplace_back([&client = *clients.back(), &stop] { client.run(stop); });
  }

  // Kill at random moments while the load runs and the reminders fall due: after a random
  // number of answered updates, plus a random few milliseconds.
  std::uniform_int_distribution<int> at_update(kUpdates / 20, kUpdates * 9 / 10);
  std::uniform_int_distribution<int> extra_ms(0, 40);
  std::vector<int> kill_at;
  kill_at.reserve(kKills);
  for (int k = 0; k < kKills; ++k) kill_at.push_back(at_update(rng));
  std::sort(kill_at.begin(), kill_at.end());
  std::cout << "kills after answered updates:";
  for (const int at : kill_at) {
    while (progress < at) std::this_thread::sleep_for(1ms);
    const int ms = extra_ms(rng);
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    std::cout << ' ' << at << "+" << ms << "ms" << std::flush;
    bot->signal(SIGKILL);
    EXPECT_EQ(bot->wait(), 128 + SIGKILL);
    bot = start_bot();
  }
  std::cout << '\n';

  const auto load_deadline = std::chrono::steady_clock::now() + 40s;
  for (auto& t : threads) t.join();
  stop = true;
  ASSERT_LT(std::chrono::steady_clock::now(), load_deadline);

  // Drain: every reminder due and fired, no reply waiting.
  const auto drain_deadline = std::chrono::steady_clock::now() + 20s;
  while (std::chrono::steady_clock::now() < drain_deadline &&
         (query("SELECT count(*) FROM outbox WHERE status = 'pending'") > 0 ||
          query("SELECT count(*) FROM reminders WHERE status = 'active'") > 0)) {
    std::this_thread::sleep_for(50ms);
  }
  bot->signal(SIGTERM);
  EXPECT_EQ(bot->wait(), 0) << bot->all_stderr();

  // Every update answered 200, once in the inbox, one task each.
  std::size_t answered = 0;
  for (const auto& c : clients) {
    EXPECT_EQ(c->not_answered(), 0);
    answered += c->answered().size();
  }
  EXPECT_EQ(answered, static_cast<std::size_t>(kUpdates));
  EXPECT_EQ(query("SELECT count(*) FROM inbox WHERE platform = 'telegram'"), kUpdates);
  EXPECT_EQ(query("SELECT count(DISTINCT update_key) FROM inbox WHERE platform = 'telegram'"),
            kUpdates);
  EXPECT_EQ(query("SELECT count(*) FROM tasks WHERE title LIKE 'Việc crash k%'"), kUpdates);
  EXPECT_EQ(query("SELECT count(DISTINCT title) FROM tasks WHERE title LIKE 'Việc crash k%'"),
            kUpdates);

  // Every reply sent; the outbox knows it.
  EXPECT_EQ(query("SELECT count(*) FROM outbox WHERE status <> 'sent'"), 0);
  const auto replies = sends_by_number(std::regex("crash k(\\d+)k"));
  int doubled_replies = 0;
  for (int n = 0; n < kUpdates; ++n) {
    const auto it = replies.find(n);
    EXPECT_TRUE(it != replies.end()) << "no reply for update " << n;
    if (it != replies.end() && it->second > 1) doubled_replies += it->second - 1;
  }

  // Each reminder fired once by the scheduler, and its message reached the fake.
  EXPECT_EQ(query("SELECT count(*) FROM reminders WHERE status = 'done' AND fired_count = 1"),
            kReminders);
  const auto reminded = sends_by_number(std::regex("crash r(\\d+)r"));
  int doubled_reminders = 0;
  for (int i = 0; i < kReminders; ++i) {
    const auto it = reminded.find(i);
    EXPECT_TRUE(it != reminded.end()) << "reminder " << i << " never reached the chat";
    if (it != reminded.end() && it->second > 1) doubled_reminders += it->second - 1;
  }

  // The limits set in env_: the sender's window for them.
  const std::size_t window = in_flight_window(RateLimits{100000, 1000, 100000});
  int refused = 0;
  for (const auto& c : clients) refused += c->refused();
  std::cout << "crash test: updates=" << kUpdates << " answered_200=" << answered
            << " kills=" << kKills << " refused_then_reposted=" << refused
            << " replies_sent_twice=" << doubled_replies << " reminders=" << kReminders
            << " reminder_messages_sent_twice=" << doubled_reminders
            << " window_per_kill=" << window << "\n";
  // Only the sends in flight at a kill may arrive twice.
  EXPECT_LE(static_cast<std::size_t>(doubled_replies + doubled_reminders), kKills * window);
}

}  // namespace
}  // namespace wgbot
